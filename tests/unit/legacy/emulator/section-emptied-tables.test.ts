import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';
import { runSection } from './emulator-helpers';

// A settlement run clears its result table and fills it again rule by rule, each rule reading
// back what the earlier ones matched (`NOT EXISTS (SELECT 1 FROM dbo.[Settled Claim] …)`). The
// rows the table held before the run never reach its result: `record --from-data` asked for a
// CSV of it, and a scenario without `Given table dbo.[Settled Claim]` was refused. Where the
// start rows could leave a trace (a WHERE, an identity that goes on counting, a DELETE trigger,
// a foreign key naming the table, the DELETE's @@ROWCOUNT read) the table is still asked for.
const TABLES = `CREATE TABLE dbo.[Claim Line] ([Claim No] int NOT NULL, Amount decimal(10,2) NOT NULL, [Policy Ref] varchar(12) NOT NULL)
GO
CREATE TABLE dbo.[Settled Claim] ([Claim No] int NOT NULL, Rule varchar(10) NOT NULL)
GO
CREATE TABLE dbo.[Settle Log] ([Log Id] int IDENTITY(1,1) NOT NULL, [Claim No] int NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp_Settle Claims]
AS
BEGIN
    DELETE FROM dbo.[Settled Claim];
    INSERT INTO dbo.[Settled Claim] ([Claim No], Rule)
    SELECT c.[Claim No], 'SMALL' FROM dbo.[Claim Line] c WHERE c.Amount < 100;
    INSERT INTO dbo.[Settled Claim] ([Claim No], Rule)
    SELECT c.[Claim No], 'POLICY' FROM dbo.[Claim Line] c
    WHERE c.[Policy Ref] LIKE 'P%' AND NOT EXISTS (SELECT 1 FROM dbo.[Settled Claim] s WHERE s.[Claim No] = c.[Claim No]);
END
GO
`;
const lines = [{ start: 4, end: 9 }];
const scriptsOf = (proc: string, extra = '') => [parseScript(TABLES + extra, { file: 'tables.sql' }), parseScript(proc, { file: 'settle.sql' })];
const inputKeys = (proc: string, extra = '') => sectionInputTables(scriptsOf(proc, extra), 'dbo.usp_Settle Claims', lines, { changed: true }).map((i) => i.key).sort();

describe('a table the section empties before it reads it', () => {
  it('is no input of the section (DELETE of every row, or TRUNCATE TABLE)', () => {
    expect(inputKeys(PROC)).toEqual(['dbo.claim line']);
    expect(inputKeys(PROC.replace('DELETE FROM dbo.[Settled Claim];', 'TRUNCATE TABLE dbo.[Settled Claim];'))).toEqual(['dbo.claim line']);
  });

  it('runs from a scenario that does not give it', async () => {
    const r = await runSection({
      scripts: scriptsOf(PROC), procedure: 'dbo.usp_Settle Claims', lines, params: {}, outputs: ['dbo.Settled Claim'],
      tables: [{ name: 'dbo.Claim Line', columns: [{ name: 'Claim No', type: 'int' }, { name: 'Amount', type: 'decimal(10,2)' }, { name: 'Policy Ref', type: 'text' }], rows: [['1', '50.00', 'X1'], ['2', '500.00', 'P7'], ['3', '20.00', 'P9']] }],
    });
    expect(r.outputs.get('dbo.Settled Claim')?.rows).toEqual([['1', 'SMALL'], ['3', 'SMALL'], ['2', 'POLICY']]);
  });

  it('stays an input where its start rows may leave a trace', () => {
    // only some rows deleted
    expect(inputKeys(PROC.replace('DELETE FROM dbo.[Settled Claim];', "DELETE FROM dbo.[Settled Claim] WHERE Rule = 'SMALL';"))).toContain('dbo.settled claim');
    // the DELETE's count read
    expect(inputKeys(PROC.replace('DELETE FROM dbo.[Settled Claim];', 'DELETE FROM dbo.[Settled Claim]; PRINT @@ROWCOUNT;'))).toContain('dbo.settled claim');
    // a trigger sees the deleted rows
    expect(inputKeys(PROC, 'CREATE TRIGGER dbo.trg_Settled ON dbo.[Settled Claim] AFTER DELETE AS INSERT INTO dbo.[Settle Log] ([Claim No]) SELECT [Claim No] FROM deleted\nGO\n')).toContain('dbo.settled claim');
    // read before it is emptied
    expect(inputKeys(PROC.replace('BEGIN\n', 'BEGIN\n    SELECT COUNT(*) FROM dbo.[Settled Claim];\n'))).toContain('dbo.settled claim');
  });

  it('stays an input when an identity goes on from the rows deleted, or a foreign key names it', () => {
    const log = PROC.split('dbo.[Settled Claim]').join('dbo.[Settle Log]').replace('([Claim No], Rule)', '([Claim No])').replace('([Claim No], Rule)', '([Claim No])')
      .replace("c.[Claim No], 'SMALL'", 'c.[Claim No]').replace("c.[Claim No], 'POLICY'", 'c.[Claim No]');
    expect(inputKeys(log)).toContain('dbo.settle log');
    expect(inputKeys(PROC, 'CREATE TABLE dbo.[Claim Note] ([Claim No] int NOT NULL, Rule varchar(10) NOT NULL, CONSTRAINT FK_Note FOREIGN KEY ([Claim No], Rule) REFERENCES dbo.[Settled Claim] ([Claim No], Rule))\nGO\n')).toContain('dbo.settled claim');
  });
});
