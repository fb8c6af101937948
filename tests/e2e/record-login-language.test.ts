import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A dispatch step from a British warehouse: each order's ship weekday is DATEPART(dw) (1 is
// Monday under DATEFIRST 1) and every order is promised by '05/04/2024' (5 April, day first).
// The scenario's @ShipDate is a spec value (2024-03-04, a Monday), read the same under every
// language; what the section computes from it follows the login's language.
const SQL = `CREATE TABLE dbo.Orders ([Order No] int NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.[Ship Plan] ([Order No] int NOT NULL PRIMARY KEY, [Ship Date] datetime NOT NULL, [Ship Weekday] int NOT NULL, [Promised By] datetime NOT NULL)
GO
CREATE PROCEDURE dbo.usp_PlanShipping
    @ShipDate datetime
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.[Ship Plan] ([Order No], [Ship Date], [Ship Weekday], [Promised By])
    SELECT o.[Order No], @ShipDate, DATEPART(dw, @ShipDate), '05/04/2024'
    FROM dbo.Orders o;
END
GO
`;

const FEATURE = `@proc:dbo.usp_PlanShipping @lines:10-12 @output:dbo.[Ship%20Plan]
Feature: Ship plan
  Plans when each order ships.

  Scenario: an order shipped on a Monday
    Given parameter @ShipDate:timestamp = 2024-03-04 00:00:00
    Given table dbo.Orders:
      | [Order No]:int |
      | 7              |
    When the section runs
    Then table dbo.[Ship Plan]:
      | [Order No]:int | [Ship Date]:timestamp | [Ship Weekday]:int | [Promised By]:timestamp |
`;

/** The recorded row, from the calendar: 2024-03-04 is a Monday (day 1 from Monday, day 2 from Sunday). */
function expectedRow(british: boolean): RegExp {
  const monday = new Date(Date.UTC(2024, 2, 4)).getUTCDay() === 1;
  const weekday = british ? (monday ? 1 : NaN) : (monday ? 2 : NaN);
  const promised = british ? '2024-04-05' : '2024-05-04';
  return new RegExp(`\\|\\s*7\\s*\\|\\s*2024-03-04 00:00:00\\s*\\|\\s*${weekday}\\s*\\|\\s*${promised} 00:00:00\\s*\\|`);
}

describe('migrate sections record in the legacy login\'s language', () => {
  let ws: string;
  const feature = (): string => join(ws, 'sections', 'dbo.usp_PlanShipping', '01-ship-plan.feature');
  const record = (extra: string[] = []) => runMigrate(['sections', 'record', 'dbo.usp_PlanShipping/01-ship-plan', '--root', ws, '--force', ...extra]);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-language-'));
    await scriptWorkspace(ws, { 'dbo.usp_PlanShipping.sql': SQL });
    mkdirSync(join(ws, 'sections', 'dbo.usp_PlanShipping'), { recursive: true });
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('without a stated language: us_english, and one warning at the DATEPART', async () => {
    writeFileSync(feature(), FEATURE);
    const r = await record();
    expect(r.code).toBe(0);
    expect(readFileSync(feature(), 'utf8')).toMatch(expectedRow(false));
    const warnings = r.err.split('\n').filter((l) => l.includes('assumed the legacy login\'s language'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/is us_english \(DATEFIRST 7, DATEFORMAT mdy\): DATEPART\(weekday, …\) at .*dbo\.usp_PlanShipping\.sql:11:37 depends on it/);
  });

  it('--language british: Monday is day 1, the text reads day first, the Given date is kept', async () => {
    writeFileSync(feature(), FEATURE);
    const r = await record(['--language', 'british']);
    expect(r.code).toBe(0);
    expect(readFileSync(feature(), 'utf8')).toMatch(expectedRow(true));
    expect(r.err).not.toMatch(/assumed the legacy login's language/);
  });
});
