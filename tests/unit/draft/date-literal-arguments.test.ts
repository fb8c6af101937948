import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// DATEDIFF and DATEADD of a 'yyyymmdd' string constant (the gaps-and-islands day number,
// `DATEDIFF(DAY, '19000101', d)`), each draft run against the emulator's result for the same rows.
const DDL = `CREATE TABLE dbo.Reading (Id int NOT NULL, Day date NOT NULL);
CREATE TABLE dbo.DayNumber (Id int NOT NULL, DayNo int NOT NULL, Months int NOT NULL, Shifted datetime NOT NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const READING = { name: 'dbo.Reading', columns: ['Id:int', 'Day:date'] };
const DAY_NUMBER = { name: 'dbo.DayNumber', columns: ['Id:int', 'DayNo:int', 'Months:int', 'Shifted:timestamp'] };

describe('date arguments given as yyyymmdd constants, drafted against the emulator', () => {
  it('DATEDIFF(DAY, \'19000101\', d), DATEDIFF(MONTH, \'20240131\', d) and DATEADD(DAY, n, \'20240228\')', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc(`INSERT INTO dbo.DayNumber (Id, DayNo, Months, Shifted)
SELECT r.Id, DATEDIFF(DAY, '19000101', r.Day), DATEDIFF(MONTH, '20240131', r.Day), DATEADD(DAY, r.Id, '20240228')
FROM dbo.Reading r;`),
      inputs: [{ ...READING, csv: 'Id,Day\n1,1900-01-01\n2,2024-02-01\n3,2024-03-01\n' }],
      output: DAY_NUMBER,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['1|0|-1488|2024-02-29 00:00:00', '2|45321|1|2024-03-01 00:00:00', '3|45350|2|2024-03-02 00:00:00']);
  });

  it('a constant in another format (read by SET DATEFORMAT) is still refused at its line:col', () => {
    const body = draftOf(proc(`INSERT INTO dbo.DayNumber (Id, DayNo, Months, Shifted)
SELECT r.Id, DATEDIFF(DAY, '01/02/1900', r.Day), 0, r.Day
FROM dbo.Reading r;`), { ddl: DDL, inputs: [READING], output: DAY_NUMBER });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}: ${x.reason}`)).toEqual([
      "4:14 DATEDIFF(): only date and datetime arguments (or an integer, a day count from 1900-01-01, or a 'yyyymmdd' constant) are translated",
    ]);
  });
});
