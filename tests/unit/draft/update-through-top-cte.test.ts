import { draftAgainstEmulator } from './emulator-parity';

// Term ranking code: `WITH best AS (SELECT TOP (1) WITH TIES … ORDER BY [GPA Change] DESC)
// UPDATE best SET Standing = 'Most Improved'`, and its DELETE twin trimming a list to its first
// rows. The draft refused an UPDATE or DELETE through a CTE with TOP at all; SQL Server takes the
// CTE's rows by its ORDER BY, so the draft now does too (ties across the last row stop it).
const DDL = `CREATE TABLE sis.[Class Rank] (TermID int NOT NULL, StudentID int NOT NULL, [GPA Change] decimal(5,2) NULL, Standing varchar(20) NULL,
  CONSTRAINT PK_ClassRank PRIMARY KEY (TermID, StudentID));`;
const RANKS = {
  name: 'sis.Class Rank', columns: ['TermID:int', 'StudentID:int', 'GPA Change:decimal(5,2)?', 'Standing:text?'],
  rows: [[2, 101, '0.40', 'Honour Roll'], [2, 102, '0.40', null], [2, 103, '-0.20', null], [2, 104, null, null], [2, 105, '0.10', 'Top 10%'], [1, 101, '0.90', null]],
  csv: 'TermID,StudentID,GPA Change,Standing\n2,101,0.40,Honour Roll\n2,102,0.40,\n2,103,-0.20,\n2,104,,\n2,105,0.10,Top 10%\n1,101,0.90,\n',
};
const OUT = { name: 'sis.Class Rank', columns: RANKS.columns };
const proc = (statement: string): string => `CREATE PROCEDURE dbo.usp_T @TermID int = 2 AS
BEGIN
  ${statement}
END`;

describe('UPDATE and DELETE through a CTE of TOP … ORDER BY in a draft', () => {
  it.each([
    ['TOP (1) WITH TIES, both tied rows', `WITH best AS (SELECT TOP (1) WITH TIES cr.Standing FROM sis.[Class Rank] cr WHERE cr.TermID = @TermID AND cr.[GPA Change] > 0 ORDER BY cr.[GPA Change] DESC)
  UPDATE best SET Standing = 'Most Improved';`, ['1|101|0.90|NULL', '2|101|0.40|Most Improved', '2|102|0.40|Most Improved', '2|103|-0.20|NULL', '2|104|NULL|NULL', '2|105|0.10|Top 10%']],
    ['TOP (2) with a unique order, NULL first ascending', `WITH low AS (SELECT TOP (2) Standing FROM sis.[Class Rank] WHERE TermID = @TermID ORDER BY [GPA Change], StudentID)
  UPDATE low SET Standing = 'Review';`, ['1|101|0.90|NULL', '2|101|0.40|Honour Roll', '2|102|0.40|NULL', '2|103|-0.20|Review', '2|104|NULL|Review', '2|105|0.10|Top 10%']],
    ['DELETE of TOP (3) WITH TIES', `WITH gone AS (SELECT TOP (3) WITH TIES StudentID FROM sis.[Class Rank] WHERE TermID = @TermID ORDER BY [GPA Change] DESC)
  DELETE FROM gone;`, ['1|101|0.90|NULL', '2|103|-0.20|NULL', '2|104|NULL|NULL']],
  ])('%s: the rows the emulator changes', async (_name, statement, rows) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(statement), inputs: [RANKS], output: OUT });
    expect(r.emulator).toEqual(rows);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops where rows tie across the last row TOP (n) keeps without WITH TIES', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(`WITH best AS (SELECT TOP (1) Standing FROM sis.[Class Rank] WHERE TermID = @TermID ORDER BY [GPA Change] DESC)
  UPDATE best SET Standing = 'Most Improved';`), inputs: [RANKS], output: OUT }, { keepRefusal: true });
    expect(r.draftError).toMatch(/rows tie on the ORDER BY across the last row kept/);
  });
});
