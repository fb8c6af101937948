import { parseScript } from '../../../src/tsql';
import { analyzeSources, schemaScriptOf } from '../../../src/dataflow';

const topLevel = (sql: string) => parseScript(sql, { file: 't.sql' }).batches.flatMap((b) => b.statements);

describe('schemaScriptOf: a file of table definitions is schema, not a migration object', () => {
  it.each<[string, string, string[] | undefined]>([
    ['tables, index, constraint, extended property', `CREATE TABLE Sales.[Order Line] (Id int NOT NULL PRIMARY KEY, Qty int NULL);
GO
CREATE INDEX IX_Qty ON Sales.[Order Line] (Qty);
ALTER TABLE Sales.[Order Line] ADD CONSTRAINT CK_Qty CHECK (Qty > 0);
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'lines', @level0type = N'SCHEMA', @level0name = 'Sales';
GO`, ['Sales.Order Line']],
    ['sequence, type and a guarded drop', `SET ANSI_NULLS ON;
IF OBJECT_ID('dbo.T') IS NOT NULL DROP TABLE dbo.T;
CREATE SEQUENCE dbo.Seq AS int START WITH 1;
CREATE TYPE dbo.IdList AS TABLE (Id int);
CREATE TABLE dbo.T (Id int DEFAULT (NEXT VALUE FOR dbo.Seq));`, ['dbo.Seq', 'dbo.IdList', 'dbo.T']],
    ['a schema created through EXEC of a string', "IF SCHEMA_ID(N'kpi') IS NULL\n    EXEC (N'CREATE SCHEMA kpi AUTHORIZATION dbo');\nGO\nCREATE TABLE kpi.T (Id int);", ['kpi.T']],
    ['dynamic SQL that is not DDL is work', "CREATE TABLE dbo.T (Id int);\nEXEC (N'DELETE FROM dbo.T');", undefined],
    ['a data fix is work', 'CREATE TABLE dbo.T (Id int);\nINSERT INTO dbo.T (Id) VALUES (1);', undefined],
    ['another procedure call is work', 'CREATE TABLE dbo.T (Id int);\nEXEC dbo.usp_Fill;', undefined],
    ['settings alone are no schema', 'SET NOCOUNT ON;', undefined],
  ])('%s', (_what, sql, declares) => {
    expect(schemaScriptOf('t.sql', topLevel(sql))?.declares).toEqual(declares);
  });

  it('analyzeSources lists it apart and makes no object of it', () => {
    const result = analyzeSources([
      { file: 'tables/t.sql', text: 'CREATE TABLE dbo.T (Id int);\nGO\nEXEC sp_addextendedproperty @name = N\'x\', @value = N\'y\';\n' },
      { file: 'p.sql', text: 'CREATE PROCEDURE dbo.p AS INSERT INTO dbo.T (Id) VALUES (1);\n' },
    ]);
    expect(result.json.objectsDetail.map((o) => o.name)).toEqual(['dbo.p']);
    expect(result.schemaScripts).toEqual([{ kind: 'schema-script', file: 'tables/t.sql', declares: ['dbo.T'] }]);
  });
});
