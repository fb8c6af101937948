import { parseOne } from './helpers';

describe('procedures, functions, triggers, views', () => {
  it.each<[string, object]>([
    ['CREATE PROCEDURE dbo.p AS SELECT 1', { kind: 'CreateProcedure', name: { parts: [{ name: 'dbo' }, { name: 'p' }] }, alter: false, orAlter: false, parameters: [], body: [{ kind: 'Select' }] }],
    ['CREATE PROC p @a int, @b varchar(10) = NULL OUTPUT AS BEGIN SELECT @a END', { parameters: [{ name: '@a', output: false }, { name: '@b', default: { literalType: 'null' }, output: true }], body: [{ kind: 'Block' }] }],
    ['CREATE PROCEDURE p (@a int = -1, @t dbo.IdList READONLY, @c CURSOR VARYING OUT) AS RETURN', { parameters: [{ default: { kind: 'Unary' } }, { readonly: true }, { varying: true, output: true }] }],
    ['ALTER PROCEDURE p AS SET NOCOUNT ON SELECT 1', { alter: true, body: [{ kind: 'SetOption' }, { kind: 'Select' }] }],
    ['CREATE OR ALTER PROCEDURE p AS SELECT 1', { orAlter: true, alter: false }],
    ['CREATE PROCEDURE p WITH RECOMPILE, EXECUTE AS OWNER AS SELECT 1', { options: ['RECOMPILE', 'EXECUTE AS OWNER'] }],
    ['CREATE PROCEDURE p WITH ENCRYPTION AS SELECT 1', { options: ['ENCRYPTION'] }],
    ['CREATE PROCEDURE p FOR REPLICATION AS SELECT 1', { forReplication: true }],
    ['CREATE PROCEDURE p;2 AS SELECT 1', { number: 2 }],
    ['CREATE PROCEDURE [dbo].[usp x] @a int AS\nSELECT 1\nSELECT 2', { name: { parts: [{ name: 'dbo' }, { name: 'usp x' }] }, body: [{}, {}] }],
    ['CREATE FUNCTION dbo.f (@a int) RETURNS int AS BEGIN RETURN @a + 1 END', { kind: 'CreateFunction', functionType: 'scalar', returns: { name: { parts: [{ name: 'int' }] } }, body: [{ kind: 'Block', statements: [{ kind: 'Return' }] }] }],
    ['CREATE FUNCTION dbo.f (@a int) RETURNS decimal(18,2) WITH SCHEMABINDING AS BEGIN RETURN 0 END', { options: ['SCHEMABINDING'], returns: { args: ['18', '2'] } }],
    ['CREATE FUNCTION dbo.f () RETURNS TABLE AS RETURN (SELECT 1 AS a)', { functionType: 'inline', body: [{ kind: 'Return', expression: { kind: 'Subquery' } }] }],
    ['CREATE FUNCTION dbo.f (@s nvarchar(max)) RETURNS TABLE (item nvarchar(100)) AS EXTERNAL NAME u.[u.F].Split', { functionType: 'clr', returnsTable: undefined }],
    ['CREATE MATERIALIZED VIEW dbo.mv WITH (DISTRIBUTION = HASH(k)) AS SELECT k, COUNT_BIG(*) AS n FROM dbo.f GROUP BY k', { kind: 'CreateView', options: ['(DISTRIBUTION = HASH(K))'], query: { kind: 'Select' } }],
    ['CREATE FUNCTION dbo.f (@x int) RETURNS TABLE WITH SCHEMABINDING AS RETURN SELECT a FROM dbo.t WHERE b = @x', { functionType: 'inline', body: [{ kind: 'Return', expression: { kind: 'Subquery', query: { kind: 'Select' } } }] }],
    ['CREATE FUNCTION dbo.f (@x int) RETURNS @r TABLE (id int, v varchar(5)) AS BEGIN INSERT @r SELECT 1, \'a\' RETURN END', { functionType: 'multi', returnsTable: { variable: { name: '@r' }, definition: { columns: [{}, {}] } }, body: [{ kind: 'Block' }] }],
    ["CREATE FUNCTION dbo.clr (@s nvarchar(max)) RETURNS int AS EXTERNAL NAME Asm.Cls.Fn", { functionType: 'clr', body: [] }],
    ['CREATE TRIGGER trg ON dbo.t AFTER INSERT, UPDATE AS BEGIN SET NOCOUNT ON END', { kind: 'CreateTrigger', scope: 'TABLE', table: { parts: [{}, { name: 't' }] }, timing: 'AFTER', events: ['INSERT', 'UPDATE'] }],
    ['CREATE TRIGGER trg ON dbo.t FOR DELETE NOT FOR REPLICATION AS ROLLBACK', { timing: 'FOR', events: ['DELETE'], notForReplication: true, body: [{ kind: 'Transaction' }] }],
    ['CREATE TRIGGER trg ON dbo.v INSTEAD OF INSERT AS INSERT INTO dbo.t SELECT * FROM inserted', { timing: 'INSTEAD OF', body: [{ kind: 'Insert' }] }],
    ['CREATE TRIGGER ddl ON DATABASE FOR CREATE_TABLE, ALTER_TABLE AS PRINT 1', { scope: 'DATABASE', table: undefined, events: ['CREATE_TABLE', 'ALTER_TABLE'] }],
    ['CREATE TRIGGER srv ON ALL SERVER FOR LOGON AS PRINT 1', { scope: 'ALL SERVER' }],
    ['ALTER TRIGGER trg ON dbo.t WITH EXECUTE AS CALLER AFTER UPDATE AS IF UPDATE(a) PRINT 1', { alter: true, options: ['EXECUTE AS CALLER'], body: [{ kind: 'If', condition: { kind: 'FunctionCall' } }] }],
    ['CREATE VIEW dbo.v AS SELECT a FROM t', { kind: 'CreateView', columns: [], query: { kind: 'Select' }, body: [{ kind: 'Select' }], checkOption: false }],
    ['CREATE VIEW dbo.v (x, y) WITH SCHEMABINDING AS SELECT a, b FROM dbo.t WHERE a > 0 WITH CHECK OPTION', { columns: [{ name: 'x' }, { name: 'y' }], options: ['SCHEMABINDING'], checkOption: true }],
    ['CREATE OR ALTER VIEW v AS WITH c AS (SELECT 1 a) SELECT a FROM c', { orAlter: true, query: { ctes: [{}] } }],
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });
});
