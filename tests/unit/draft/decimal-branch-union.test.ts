import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft } from './draft-harness';

// A CASE, IIF, COALESCE or CHOOSE over decimals is of the union type of its values ("Precision,
// scale, and length (Transact-SQL)": the largest scale and the most integral digits).
// decimal(37,8) beside decimal(38,10) is decimal(39,10); the page cuts a scale past precision 38
// only for + and -, so whether SQL Server keeps 10 decimals or 9 there is not documented. The
// draft used to cast such a CASE to decimal(38,10), a guess: it refuses at the construct instead.
const DDL = `CREATE TABLE dbo.FxPosition (PositionId int NOT NULL, Notional decimal(37,8) NULL, SettledAmount decimal(38,10) NULL, Fee decimal(30,8) NULL, IsSettled bit NOT NULL);
CREATE TABLE dbo.FxExposure (PositionId int NOT NULL, Exposure decimal(38,10) NULL);`;
const POSITION = {
  name: 'dbo.FxPosition',
  columns: ['PositionId:int', 'Notional:decimal(37,8)?', 'SettledAmount:decimal(38,10)?', 'Fee:decimal(30,8)?', 'IsSettled:bit'],
  rows: [[1, '1.5', '2.25', '0.125', 1], [2, '3.75', null, '1.5', 0]],
};
const OUT = { name: 'dbo.FxExposure', columns: ['PositionId:int', 'Exposure:decimal(38,10)?'] };
const proc = (value: string): string => `CREATE PROCEDURE dbo.usp_FxExposure AS
BEGIN
  INSERT INTO dbo.FxExposure (PositionId, Exposure)
  SELECT PositionId, ${value}
  FROM dbo.FxPosition;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of CASE-like expressions over decimals', () => {
  it.each([
    ['CASE', 'CASE', 'CASE WHEN IsSettled = 1 THEN SettledAmount ELSE Notional END'],
    ['IIF', 'IIF', 'IIF(IsSettled = 1, SettledAmount, Notional)'],
    ['COALESCE', 'decimal values of mixed types', 'COALESCE(SettledAmount, Notional)'],
    ['CHOOSE', 'decimal values of mixed types', 'CHOOSE(IsSettled + 1, Notional, SettledAmount)'],
  ])('refuse %s whose union type passes precision 38 (decimal(39,10)), located', (_what, construct, value) => {
    const body = draftOf(proc(value), { ddl: DDL, inputs: [POSITION], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}`)).toEqual([`proc.sql:4:22 ${construct}`]);
    expect(body.refusals[0]?.reason).toMatch(/decimal\(39,10\), past precision 38/);
  });

  it('keep a union that fits: decimal(30,8) beside decimal(38,10) is decimal(38,10)', async () => {
    // integral digits max(22, 28) = 28 and scale 10: precision 38
    const body = draftOf(proc('CASE WHEN IsSettled = 1 THEN SettledAmount ELSE Fee END'), { ddl: DDL, inputs: [POSITION], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [POSITION, OUT])).toEqual(['1|2.25', '2|1.5']);
  });
});
