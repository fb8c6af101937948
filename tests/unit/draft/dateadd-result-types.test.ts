import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// DATEADD returns its date argument's type (the DATEADD page), a string literal's being datetime.
// A clinic's appointments are smalldatetime: 30 seconds on is the next minute, 29 seconds no change
// ("If datepart is second and number is between -30 and +29, DATEADD makes no changes"), and that
// holds where the result is compared or kept in a datetime, never rounded by a column of its own.
// The draft typed every DATEADD a datetime and kept 09:00:30. Past the type's range SQL Server fails
// (Msg 517), where DuckDB's dates go on into year 10000. Each draft runs against the emulator.
const REMINDER_DDL = 'CREATE TABLE dbo.Reminder (ApptId int NOT NULL, [Remind At] datetime NULL, Unchanged int NULL, [Review On] date NULL);';
const DDL = `CREATE TABLE dbo.Appointment (ApptId int NOT NULL, [Booked For] smalldatetime NOT NULL, [Valid To] date NOT NULL, [Rebooked For] smalldatetime NULL);\n${REMINDER_DDL}`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  SET NOCOUNT ON;\n  ${body}\nEND`;
const APPOINTMENT = (csv: string) => ({ name: 'dbo.Appointment', columns: ['ApptId:int', 'Booked For:timestamp', 'Valid To:date', 'Rebooked For:timestamp?'], csv: `ApptId,Booked For,Valid To,Rebooked For\n${csv}` });
const REMINDER = { name: 'dbo.Reminder', columns: ['ApptId:int', 'Remind At:timestamp?', 'Unchanged:int?', 'Review On:date?'] };

describe('DATEADD\'s result has its date argument\'s type', () => {
  it('rounds seconds added to a smalldatetime (a COALESCE of two too) to the minute, where compared and kept in a datetime', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.Reminder (ApptId, [Remind At], Unchanged, [Review On])
  SELECT ApptId, DATEADD(second, 30, COALESCE([Rebooked For], [Booked For])),
         CASE WHEN DATEADD(second, 29, [Booked For]) = [Booked For] AND DATEADD(second, -30, [Booked For]) = [Booked For] THEN 1 ELSE 0 END,
         DATEADD(month, 1, [Valid To])
  FROM dbo.Appointment;`),
      inputs: [APPOINTMENT('1,2016-01-04 09:00:00,2016-01-31,\n2,2016-01-04 23:59:00,2016-12-31,\n3,2016-01-04 08:00:00,2016-12-31,2016-01-05 10:15:00\n')],
      output: REMINDER,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual(['1|2016-01-04 09:01:00|1|2016-02-29', '2|2016-01-05 00:00:00|1|2017-01-31', '3|2016-01-05 10:16:00|1|2017-01-31']);
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['a date past 9999-12-31', 'DATEADD(day, 1, [Valid To])', '9999-12-31', 'date'],
    ['a smalldatetime past 2079-06-06 23:59', 'DATEADD(minute, 1, [Booked For])', '2016-01-31', 'smalldatetime'],
  ])('stops where %s (SQL Server fails with Msg 517)', async (_, call, validTo, type) => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.Reminder (ApptId, [Remind At], Unchanged, [Review On])
  SELECT ApptId, NULL, 0, ${call} FROM dbo.Appointment;`),
      inputs: [APPOINTMENT(`1,2079-06-06 23:59:00,${validTo},\n`)],
      output: { ...REMINDER },
    });
    expect(r.emulatorError).toMatch(/517/);
    expect(r.draftError).toMatch(new RegExp(`proc\\.sql:5:\\d+: DATEADD's result is outside the range of ${type} .*Msg 517`));
  });

  it('stops on seconds added to a whole minute of unknown type (no DDL declares it): a smalldatetime\'s would round', () => {
    const body = draftOf(proc(`INSERT INTO dbo.Reminder (ApptId, [Remind At], Unchanged, [Review On])
  SELECT ApptId, DATEADD(second, 30, COALESCE([Rebooked For], [Booked For])), 0, NULL FROM dbo.Appointment;`), { ddl: REMINDER_DDL, inputs: [APPOINTMENT('')], output: REMINDER });
    expect(body.refusals).toEqual([]);
    expect(body.sql).toContain('proc.sql:5:18: DATEADD(second, …) of a value of unknown type on a whole minute');
  });
});

// DATEFROMPARTS and EOMONTH return a date: a year past 9999 (or before 1) fails in SQL Server
// (Msg 289; EOMONTH's month outside date's range), where DuckDB makes year 10000 or 1 BC.
describe('DATEFROMPARTS and EOMONTH past date\'s range', () => {
  it.each([
    ['DATEFROMPARTS(YEAR([Valid To]) + 1, 1, 1)', /proc\.sql:5:\d+: DATEFROMPARTS of a year outside 1-9999: SQL Server fails with Msg 289/],
    ['EOMONTH([Valid To], 1)', /proc\.sql:5:\d+: EOMONTH of a month outside 0001-01 to 9999-12: SQL Server fails/],
  ])('stop where %s passes 9999', async (call, stop) => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.Reminder (ApptId, [Remind At], Unchanged, [Review On])
  SELECT ApptId, NULL, 0, ${call} FROM dbo.Appointment;`),
      inputs: [APPOINTMENT('1,2016-01-04 09:00:00,2016-12-15,\n2,2016-01-04 09:00:00,9999-12-15,\n')],
      output: REMINDER,
    }, { keepRefusal: true });
    expect(r.emulator[0]).toMatch(/^the emulator stopped: .*(Msg 289|EOMONTH past the range of dates)/);
    expect(r.draftError).toMatch(stop);
  });
});
