import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// Readmission episodes, 2016 style: SELECT … INTO #adm, then `ALTER TABLE #adm ADD` two work
// columns that UPDATEs fill. The draft skipped the ALTER and then refused the first read of a
// new column as "no table of this query has that column", naming neither the ALTER nor #adm.
const DDL = `CREATE TABLE dbo.[Ward Visit] ([Visit Id] INT NOT NULL, [Patient Id] INT NOT NULL, [Admit Date] DATE NOT NULL, [Discharge Date] DATE NULL);
CREATE TABLE dbo.[Visit Episode] ([Visit Id] INT NOT NULL, [New Episode] INT NULL, [Note] VARCHAR(10) NULL);`;
const VISITS = {
  name: 'dbo.Ward Visit', columns: ['Visit Id:int', 'Patient Id:int', 'Admit Date:date', 'Discharge Date:date?'],
  rows: [[1, 7, '2018-01-03', '2018-01-10'], [2, 7, '2018-02-09', '2018-02-12'], [3, 7, '2018-03-15', null], [4, 8, '2018-03-01', '2018-03-02']],
  csv: 'Visit Id,Patient Id,Admit Date,Discharge Date\n1,7,2018-01-03,2018-01-10\n2,7,2018-02-09,2018-02-12\n3,7,2018-03-15,\n4,8,2018-03-01,2018-03-02\n',
};
const OUT = { name: 'dbo.Visit Episode', columns: ['Visit Id:int', 'New Episode:int?', 'Note:text?'] };
const proc = (alter: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SELECT v.[Visit Id], v.[Admit Date],
         LAG(v.[Discharge Date]) OVER (PARTITION BY v.[Patient Id] ORDER BY v.[Admit Date]) AS [Prev Out]
  INTO #adm
  FROM dbo.[Ward Visit] v;
  ${alter}
  UPDATE #adm SET [New Episode] = CASE WHEN DATEDIFF(day, [Prev Out], [Admit Date]) > 30 THEN 1 ELSE 0 END
  WHERE [Prev Out] IS NOT NULL;
  INSERT INTO dbo.[Visit Episode] ([Visit Id], [New Episode], [Note]) SELECT [Visit Id], [New Episode], [Note] FROM #adm;
END`;

describe('ALTER TABLE #temp ADD in a draft', () => {
  it('adds nullable columns holding NULL on the rows the #temp has, as the emulator does', async () => {
    // visit 2 is 30 days after visit 1's discharge (not a new episode), visit 3 31 days after visit 2's; first visits keep NULL
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('ALTER TABLE #adm ADD [New Episode] int NULL, [Note] varchar(10);'), inputs: [VISITS], output: OUT });
    expect(r.emulator).toEqual(['1|NULL|NULL', '2|0|NULL', '3|1|NULL', '4|NULL|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses a NOT NULL or DEFAULT column at the ALTER, naming it', () => {
    for (const [alter, construct] of [['ALTER TABLE #adm ADD [New Episode] int NOT NULL, [Note] varchar(10);', 'ALTER TABLE #adm ADD New Episode with NOT NULL'], ["ALTER TABLE #adm ADD [New Episode] int NULL, [Note] varchar(10) DEFAULT 'x';", 'ALTER TABLE #adm ADD Note with a DEFAULT']]) {
      const body = draftOf(proc(alter as string), { ddl: DDL, inputs: [VISITS], output: OUT });
      expect(body.refusals.map((x) => `${x.file}:${x.line} ${x.construct}`)).toEqual([`proc.sql:7 ${construct as string}`]);
    }
  });
});
