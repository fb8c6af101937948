import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// A student-records system's name formatting: the card printer's reversed surname, SPACE between
// parts, UPPER of German names, and the academic year's start built as 'yyyy0901' text read with
// CONVERT style 112. Expected values are SQL Server's: REVERSE reverses UTF-16 code units (a
// combining accent lands before its letter), UPPER leaves ß as it is (no capital in its case
// tables), SPACE(-1) is NULL, and 'yyyymmdd' reads alike under every DATEFORMAT.
const DDL = `CREATE TABLE dbo.Student (Id int NOT NULL, LastName nvarchar(40) NULL, StartYear int NULL, Pad int NULL);
CREATE TABLE dbo.Card (Id int NOT NULL, Reversed nvarchar(40) NULL, Upper nvarchar(40) NULL, Spaced nvarchar(60) NULL, YearStart datetime NULL, YearEnd date NULL);`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Card (Id, Reversed, Upper, Spaced, YearStart, YearEnd)
  SELECT Id, REVERSE(LastName), UPPER(LastName), '[' + SPACE(Pad) + ']',
         CONVERT(datetime, CAST(StartYear AS char(4)) + '0901', 112),
         CONVERT(date, CAST(StartYear + 1 AS char(4)) + '0831', 112)
  FROM dbo.Student;
END`;
const STUDENT = { name: 'dbo.Student', columns: ['Id:int', 'LastName:text?', 'StartYear:int?', 'Pad:int?'] };
const CARD = { name: 'dbo.Card', columns: ['Id:int', 'Reversed:text?', 'Upper:text?', 'Spaced:text?', 'YearStart:timestamp?', 'YearEnd:date?'] };

describe('drafts of a student directory\'s name and year formatting', () => {
  it('reverse by character, keep ß in UPPER, pad with SPACE and read yyyymmdd text as the emulator does', async () => {
    // "Zoe\u0308" is Zoë with a combining diaeresis (as macOS file names and some forms write it)
    const csv = 'Id,LastName,StartYear,Pad\n1,Zoe\u0308 Weiß,2024,2\n2,o\'neil,2023,0\n3,,,-1\n';
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROCEDURE, inputs: [{ ...STUDENT, csv }], output: CARD });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual([
      '1|ßieW \u0308eoZ|ZOE\u0308 WEIß|[  ]|2024-09-01 00:00:00|2025-08-31',
      "2|lien'o|O'NEIL|[]|2023-09-01 00:00:00|2024-08-31",
      '3|NULL|NULL|NULL|NULL|NULL',
    ]);
    expect(r.draft).toEqual(r.emulator);
  });

  it('stop the draft, located, on text that is not eight digits read with style 112', () => {
    const ddl = `CREATE TABLE dbo.Term (Id int NOT NULL, Code varchar(10) NULL);
CREATE TABLE dbo.TermStart (Id int NOT NULL, Starts datetime NULL);`;
    const procedure = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.TermStart (Id, Starts) SELECT Id, CONVERT(datetime, Code, 112) FROM dbo.Term;
END`;
    // the emulator refuses such text too (SQL Server's reading of it is not documented)
    const body = draftOf(procedure, { ddl, inputs: [{ name: 'dbo.Term', columns: ['Id:int', 'Code:text?'] }], output: { name: 'dbo.TermStart', columns: ['Id:int', 'Starts:timestamp?'] } });
    expect(body.refusals).toEqual([]);
    expect(body.sql).toContain("regexp_full_match(Term.Code, '[0-9]{8}') THEN error('proc.sql:3:53: text read as a date is not eight digits (yyyymmdd)");
  });

  it('write FORMAT under en-GB as the emulator does, and refuse its abbreviated names', async () => {
    const ddl = `CREATE TABLE dbo.Pupil (Id int NOT NULL, Dob date NULL, Credits decimal(9,2) NULL);
CREATE TABLE dbo.Letter (Id int NOT NULL, DobText nvarchar(40) NULL, Short nvarchar(12) NULL, CreditText nvarchar(20) NULL);`;
    const procedure = (short: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Letter (Id, DobText, Short, CreditText)
  SELECT Id, FORMAT(Dob, 'dddd d MMMM yyyy', 'en-GB'), FORMAT(Dob, '${short}', 'en-GB'), FORMAT(Credits, 'N1', 'en-GB') FROM dbo.Pupil;
END`;
    const pupil = { name: 'dbo.Pupil', columns: ['Id:int', 'Dob:date?', 'Credits:decimal(9,2)?'], csv: 'Id,Dob,Credits\n1,2008-02-29,1234.25\n2,,\n' };
    const letter = { name: 'dbo.Letter', columns: ['Id:int', 'DobText:text?', 'Short:text?', 'CreditText:text?'] };
    const r = await draftAgainstEmulator({ ddl, procedure: procedure('dd/MM/yyyy'), inputs: [pupil], output: letter });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual(['1|Friday 29 February 2008|29/02/2008|1,234.3', '2|NULL|NULL|NULL']);
    expect(r.draft).toEqual(r.emulator);
    const refused = draftOf(procedure('dd MMM yyyy'), { ddl, inputs: [pupil], output: letter }).refusals.map((x) => `${x.construct}: ${x.reason}`);
    expect(refused).toEqual(["FORMAT(…, 'dd MMM yyyy'): 'MMM' in en-GB (its text differs between Windows versions)"]);
  });
});
