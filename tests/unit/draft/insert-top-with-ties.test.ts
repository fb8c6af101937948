import { draftAgainstEmulator } from './emulator-parity';

// A sales contest's award table: `INSERT … SELECT TOP (3) WITH TIES … ORDER BY Units DESC`.
// Every rep level with the third is kept, so which rows go in does not depend on the plan; the
// draft refused it as a TOP whose picks it could not reproduce (the result-set path drafted it).
const DDL = `CREATE TABLE dbo.[Rep Month] ([Rep Name] VARCHAR(30) NOT NULL, [Units] INT NULL);
CREATE TABLE dbo.[Contest Award] ([Award] VARCHAR(20) NOT NULL, [Rep Name] VARCHAR(30) NOT NULL, [Units] INT NULL);`;
const REPS = {
  name: 'dbo.Rep Month', columns: ['Rep Name:text', 'Units:int?'],
  rows: [['Ada', 40], ['Bo', 55], ['Cy', 40], ['Di', null], ['Ed', 61], ['Flo', 12]],
  csv: 'Rep Name,Units\nAda,40\nBo,55\nCy,40\nDi,\nEd,61\nFlo,12\n',
};
const proc = (top: string, order: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Contest Award] ([Award], [Rep Name], [Units])
  SELECT TOP ${top} WITH TIES 'Top seller', r.[Rep Name], r.Units FROM dbo.[Rep Month] r ORDER BY r.Units ${order};
END`;
const OUT = { name: 'dbo.Contest Award', columns: ['Award:text', 'Rep Name:text', 'Units:int?'] };

describe('INSERT … SELECT TOP (n) WITH TIES in a draft', () => {
  it.each([
    ['(3)', 'DESC', ['Top seller|Ada|40', 'Top seller|Bo|55', 'Top seller|Cy|40', 'Top seller|Ed|61']],
    ['(1)', 'ASC', ['Top seller|Di|NULL']], // NULL sorts first ascending
  ])('keeps the rows tied with the last of TOP %s … %s, as the emulator does', async (top, order, rows) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(top, order), inputs: [REPS], output: OUT });
    expect(r.emulator).toEqual(rows);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});
