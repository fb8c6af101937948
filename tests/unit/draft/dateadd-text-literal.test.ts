import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// DATEADD of a text literal (`DATEADD(month, 1, '2016-01-31')`, a billing cycle's first due date)
// reads the literal as a datetime and returns a datetime (the DATEADD page); yyyy-mm-dd reads
// year-month-day under us_english's mdy, by the SET DATEFORMAT otherwise (the datetime page). The
// draft refused every literal but yyyymmdd; forms SQL Server reads by the session's settings stay refused.
const DDL = `CREATE TABLE dbo.Subscription (SubId int NOT NULL, Months int NOT NULL);
CREATE TABLE dbo.Invoice (SubId int NOT NULL, [Due On] datetime NULL, Early int NULL);`;
const SUBSCRIPTION = { name: 'dbo.Subscription', columns: ['SubId:int', 'Months:int'], csv: 'SubId,Months\n1,1\n2,13\n' };
const INVOICE = { name: 'dbo.Invoice', columns: ['SubId:int', 'Due On:timestamp?', 'Early:int?'] };
const proc = (setting: string, literal: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  ${setting}
  INSERT INTO dbo.Invoice (SubId, [Due On], Early)
  SELECT SubId, DATEADD(month, Months, ${literal}),
         CASE WHEN DATEADD(day, 1, ${literal}) < DATEADD(month, Months, ${literal}) THEN 1 ELSE 0 END
  FROM dbo.Subscription;
END`;

describe('DATEADD of a text literal', () => {
  it('reads \'2016-01-31\' as a datetime and returns one, as the emulator does', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('SET NOCOUNT ON;', "'2016-01-31'"), inputs: [SUBSCRIPTION], output: INVOICE });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual(['1|2016-02-29 00:00:00|1', '2|2017-02-28 00:00:00|1']);
    expect(r.draft).toEqual(r.emulator);
    // the range (Msg 517) is checked where Months moves the date, not a day on from a constant
    expect(r.sql.match(/Msg 517/g)).toHaveLength(2);
  });

  it.each([
    ['under SET DATEFORMAT dmy', 'SET DATEFORMAT dmy;', "'2016-01-31'", /^5:\d+ '2016-01-31' read as a datetime: under SET DATEFORMAT dmy/],
    ['in a form read by the date format', 'SET NOCOUNT ON;', "'01/31/2016'", /^5:\d+ conversion from varchar\(10\) to datetime: only dates, datetimes and ISO date constants/],
  ])('is refused at the literal %s', (_, setting, literal, reason) => {
    const refusals = draftOf(proc(setting, literal), { ddl: DDL, inputs: [SUBSCRIPTION], output: INVOICE }).refusals.map((x) => `${x.line}:${x.col} ${x.construct}: ${x.reason}`);
    expect(refusals[0]).toMatch(reason);
  });
});
