import { draftAgainstEmulator } from './emulator-parity';

// A ward dashboard names each ward's busiest admission weekday with a correlated
// `(SELECT TOP 1 … GROUP BY DATEPART(weekday, …) ORDER BY COUNT(*) DESC, …)`. The draft refused
// every TOP over grouped rows; the ORDER BY of a grouped query holds grouped expressions and
// aggregates, as its select list does, so it ranks the groups alike, and stops where groups tie
// across the first place with different values.
const DDL = `CREATE TABLE dbo.Ward ([Ward Code] varchar(10) NOT NULL);
CREATE TABLE dbo.[Ward Admit] ([Admit Id] int NOT NULL, [Ward Code] varchar(10) NOT NULL, [Admit Date] date NOT NULL);
CREATE TABLE dbo.[Ward Peak] ([Ward Code] varchar(10) NOT NULL, [Peak Day] varchar(3) NULL, [Peak Count] int NULL);`;
const proc = (order: string, having = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET DATEFIRST 1
  INSERT INTO dbo.[Ward Peak] ([Ward Code], [Peak Day], [Peak Count])
  SELECT w.[Ward Code],
         (SELECT TOP 1 CHOOSE(DATEPART(weekday, a.[Admit Date]), 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
            FROM dbo.[Ward Admit] a WHERE a.[Ward Code] = w.[Ward Code]
           GROUP BY DATEPART(weekday, a.[Admit Date]) ${having}
           ORDER BY ${order}),
         (SELECT TOP (1) COUNT(*) FROM dbo.[Ward Admit] a WHERE a.[Ward Code] = w.[Ward Code]
           GROUP BY DATEPART(weekday, a.[Admit Date]) ORDER BY COUNT(*) DESC)
  FROM dbo.Ward w;
END`;
const WARD = { name: 'dbo.Ward', columns: ['Ward Code:text'], rows: [['CARD'], ['MED'], ['ICU']], csv: 'Ward Code\nCARD\nMED\nICU\n' };
// CARD: Sat 2018-03-03 twice, Thu 03-01 twice, Mon 03-05 once; MED: Sun 03-04 once; ICU none
const ADMITS = {
  name: 'dbo.Ward Admit', columns: ['Admit Id:int', 'Ward Code:text', 'Admit Date:date'],
  rows: [[1, 'CARD', '2018-03-03'], [2, 'card', '2018-03-10'], [3, 'CARD', '2018-03-01'], [4, 'CARD', '2018-03-08'], [5, 'CARD', '2018-03-05'], [6, 'MED', '2018-03-04']],
  csv: 'Admit Id,Ward Code,Admit Date\n1,CARD,2018-03-03\n2,card,2018-03-10\n3,CARD,2018-03-01\n4,CARD,2018-03-08\n5,CARD,2018-03-05\n6,MED,2018-03-04\n',
};
const OUT = { name: 'dbo.Ward Peak', columns: ['Ward Code:text', 'Peak Day:text?', 'Peak Count:int?'] };

describe('TOP … ORDER BY over grouped rows in a subquery', () => {
  it('ranks the groups by an aggregate then a grouped key, as the emulator does', async () => {
    // CARD: Thu and Sat both twice, weekday 4 before 6 (DATEFIRST 1); the count's tie returns 2 either way
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('COUNT(*) DESC, DATEPART(weekday, a.[Admit Date])'), inputs: [WARD, ADMITS], output: OUT });
    expect(r.emulator).toEqual(['CARD|Thu|2', 'ICU|NULL|NULL', 'MED|Sun|1']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('ranks only the groups HAVING keeps', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('COUNT(*), DATEPART(weekday, a.[Admit Date]) DESC', 'HAVING COUNT(*) > 1'), inputs: [WARD, ADMITS], output: OUT });
    expect(r.emulator).toEqual(['CARD|Sat|2', 'ICU|NULL|NULL', 'MED|NULL|1']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('sets variables from the first group, its aggregate too: SELECT TOP (1) @v = …, @n = COUNT(*) … GROUP BY … ORDER BY', async () => {
    const procedure = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET DATEFIRST 1
  DECLARE @peak varchar(3), @n int = -1
  SELECT TOP (1) @peak = CHOOSE(DATEPART(weekday, [Admit Date]), 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'), @n = COUNT(*)
  FROM dbo.[Ward Admit] GROUP BY DATEPART(weekday, [Admit Date]) ORDER BY COUNT(*) DESC, DATEPART(weekday, [Admit Date]) DESC
  INSERT INTO dbo.[Ward Peak] ([Ward Code], [Peak Day], [Peak Count]) SELECT w.[Ward Code], @peak, @n FROM dbo.Ward w
END`;
    // Thu and Sat twice each over all wards: weekday 6 first, descending
    const r = await draftAgainstEmulator({ ddl: DDL, procedure, inputs: [WARD, ADMITS], output: OUT });
    expect(r.emulator).toEqual(['CARD|Sat|2', 'ICU|Sat|2', 'MED|Sat|2']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops where groups with different values tie across the first place', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('COUNT(*) DESC'), inputs: [WARD, ADMITS], output: OUT });
    expect(r.draftError).toMatch(/TOP … ORDER BY: rows tie on the ORDER BY across the last row kept/);
  });
});
