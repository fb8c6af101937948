import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultRows, runBody } from './emulator-helpers';

// Table-valued parameters: learn.microsoft.com/sql/relational-databases/tables/use-table-valued-parameters-database-engine
const TABLES = `
CREATE TYPE dbo.IdList AS TABLE (Id int NOT NULL, Note varchar(10) NULL)
GO
`;

describe('table-valued parameters', () => {
  it('fills the parameter of the called procedure from a CSV (--param @p=file.csv)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tvp-')), 'ids.csv');
    writeFileSync(file, 'Id,Note\n3,x\n5,\n');
    const r = await runBody('SELECT COUNT(*) AS n, SUM(Id) AS s, COUNT(Note) AS notes FROM @ids;', { tables: TABLES, paramDecl: '@ids dbo.IdList READONLY', params: { ids: file } });
    expect(resultRows(r)).toEqual([{ n: 2, s: 8, notes: 1 }]);
  });

  it('passes a table variable of the type to another procedure, and is empty when not given', async () => {
    const r = await runBody(`
      DECLARE @mine dbo.IdList;
      INSERT INTO @mine (Id) VALUES (1), (2), (4);
      EXEC dbo.usp_sum @ids = @mine;
      EXEC dbo.usp_sum;`, { tables: TABLES, extraProcs: 'CREATE PROCEDURE dbo.usp_sum @ids dbo.IdList READONLY AS SELECT COUNT(*) AS n, SUM(Id) AS s FROM @ids;\nGO\n' });
    expect(resultRows(r, 0)).toEqual([{ n: 3, s: 7 }]);
    expect(resultRows(r, 1)).toEqual([{ n: 0, s: null }]);
  });
});
