import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// A badge reader stamps datetime2(3) (or datetime2(6), or datetime2(0)); the payroll log keeps a
// datetime. SQL Server stores the stamp rounded to datetime's 1/300 s, shown .000/.003/.007 (the
// datetime page: .995-.998 are .997, .999 the next second): the draft copied .125 as .125, a value
// the legacy log never held. Each draft runs against the emulator's result for the same rows.
const DDL = `CREATE TABLE dbo.[Badge Punch] (PunchId int NOT NULL, [Punched At] datetime2(3) NOT NULL, [Punched Fine] datetime2(6) NULL, [Punched Second] datetime2(0) NULL);
CREATE TABLE dbo.[Payroll Log] (PunchId int NOT NULL, [Logged At] datetime NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  SET NOCOUNT ON;\n  ${body}\nEND`;
const columns = ['PunchId:int', 'Punched At:timestamp', 'Punched Fine:timestamp?', 'Punched Second:timestamp?'];
const LOG = { name: 'dbo.Payroll Log', columns: ['PunchId:int', 'Logged At:timestamp?'] };
const punches = (rows: readonly (readonly [number, string, string, string])[]) => ({
  name: 'dbo.Badge Punch', columns,
  rows: rows.map((r) => [...r]),
  csv: `PunchId,Punched At,Punched Fine,Punched Second\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const copy = (column: string): string => proc(`INSERT INTO dbo.[Payroll Log] (PunchId, [Logged At]) SELECT PunchId, [${column}] FROM dbo.[Badge Punch];`);

describe('a finer date-time stored in a datetime column', () => {
  it('rounds every millisecond of a second to 1/300 s as the emulator does (.125 is .127, .999 the next day)', async () => {
    const rows = Array.from({ length: 1000 }, (_, ms) => [ms + 1, `2024-02-29 23:59:59.${String(ms).padStart(3, '0')}`, '', ''] as const);
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: copy('Punched At'), inputs: [punches(rows)], output: LOG });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    const at = (id: number): string | undefined => r.draft?.find((x) => x.startsWith(`${id}|`));
    expect([at(126), at(996), at(999), at(1000)]).toEqual(['126|2024-02-29 23:59:59.127', '996|2024-02-29 23:59:59.997', '999|2024-02-29 23:59:59.997', '1000|2024-03-01 00:00:00']);
  });

  it('rounds a datetime2(6) value where the ways to round it agree, and stops where they do not', async () => {
    const agreed = await draftAgainstEmulator({ ddl: DDL, procedure: copy('Punched Fine'), inputs: [punches([[1, '2024-03-01 08:00:00', '2024-03-01 08:00:00.125400', ''], [2, '2024-03-01 08:00:00', '2024-03-01 08:00:00.998200', '']])], output: LOG });
    expect(agreed.draftError).toBeUndefined();
    expect(agreed.draft).toEqual(['1|2024-03-01 08:00:00.127', '2|2024-03-01 08:00:00.997']);
    expect(agreed.draft).toEqual(agreed.emulator);
    // 1.6 ms is 0.48 of a tick (.000), but 2 ms once rounded to milliseconds (.003): not documented,
    // so the draft stops and the emulator refuses the same value (it answered .000 before)
    const split = await draftAgainstEmulator({ ddl: DDL, procedure: copy('Punched Fine'), inputs: [punches([[1, '2024-03-01 08:00:00', '2024-03-01 08:00:00.001600', '']])], output: LOG }, { keepRefusal: true });
    expect(split.draftError).toMatch(/proc\.sql:4:\d+: a value with digits past the milliseconds stored as datetime/);
    expect(split.emulatorRefusal).toMatch(/the emulator does not support converting 2024-03-01 08:00:00\.001600 to datetime/);
  });

  it('stops where a datetime2(0) value is before datetime\'s 1753 (SQL Server fails the conversion), and leaves a datetime\'s own values alone', async () => {
    const early = await draftAgainstEmulator({ ddl: DDL, procedure: copy('Punched Second'), inputs: [punches([[1, '2024-03-01 08:00:00', '', '1700-01-01 00:00:00']])], output: LOG });
    expect(early.draftError).toMatch(/proc\.sql:4:\d+: a value outside datetime's range \(1753-01-01 to 9999-12-31 23:59:59\.997\)/);
    const constant = draftOf(proc("INSERT INTO dbo.[Payroll Log] (PunchId, [Logged At]) VALUES (1, '1700-01-01');"), { ddl: DDL, inputs: [LOG], output: LOG });
    expect(constant.refusals.map((x) => `${x.line}:${x.col} ${x.reason}`)).toEqual(['4:56 1700-01-01 is before 1753-01-01, the first day a datetime holds: SQL Server fails the conversion']);
    // a datetime copied into a datetime, GETDATE() stored in one: nothing to round
    const own = draftOf(proc(`DECLARE @seen datetime = GETDATE();
  INSERT INTO dbo.[Payroll Log] (PunchId, [Logged At]) SELECT l.PunchId, ISNULL(l.[Logged At], @seen) FROM dbo.[Payroll Log] l;`), { ddl: DDL, inputs: [LOG], output: LOG });
    expect(own.refusals).toEqual([]);
    expect(own.sql).not.toMatch(/epoch_us|1753/);
  });
});
