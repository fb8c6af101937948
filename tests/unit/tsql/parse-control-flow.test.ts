import { kindsOf, parseOne } from './helpers';

describe('control flow', () => {
  it.each<[string, object]>([
    ['BEGIN SELECT 1 SELECT 2 END', { kind: 'Block', statements: [{ kind: 'Select' }, { kind: 'Select' }] }],
    ['BEGIN END', { kind: 'Block', statements: [] }],
    ['IF @a = 1 PRINT 1', { kind: 'If', then: { kind: 'Print' }, else: undefined }],
    ['IF @a = 1 PRINT 1 ELSE PRINT 2', { kind: 'If', else: { kind: 'Print' } }],
    ['IF @a = 1 BEGIN PRINT 1 END ELSE BEGIN PRINT 2 END', { then: { kind: 'Block' }, else: { kind: 'Block' } }],
    ['IF @a = 1 IF @b = 1 PRINT 1 ELSE PRINT 2', { kind: 'If', else: undefined, then: { kind: 'If', else: { kind: 'Print' } } }],
    ['IF @a = 1 PRINT 1; ELSE PRINT 2', { kind: 'If', else: { kind: 'Print' } }],
    ['IF @a = 1 PRINT 1 ELSE IF @a = 2 PRINT 2 ELSE PRINT 3', { else: { kind: 'If', else: { kind: 'Print' } } }],
    ["IF OBJECT_ID('tempdb..#t') IS NOT NULL DROP TABLE #t", { kind: 'If', condition: { kind: 'IsNull', not: true }, then: { kind: 'Drop', objectType: 'TABLE', names: [{ parts: [{ name: '#t' }] }] } }],
    ['IF EXISTS (SELECT 1 FROM t) UPDATE t SET a = 1', { condition: { kind: 'Exists' }, then: { kind: 'Update' } }],
    ['IF (@a > 0) SELECT 1', { condition: { kind: 'Binary' } }],
    ['WHILE @i < 10 BEGIN SET @i += 1 IF @i = 5 BREAK ELSE CONTINUE END', { kind: 'While', body: { kind: 'Block', statements: [{ kind: 'SetVariable', operator: '+=' }, { kind: 'If', then: { kind: 'Break' }, else: { kind: 'Continue' } }] } }],
    ['WHILE 1 = 1 WAITFOR DELAY \'00:00:01\'', { body: { kind: 'Waitfor', mode: 'DELAY' } }],
    ["WAITFOR TIME '23:00'", { kind: 'Waitfor', mode: 'TIME' }],
    ['GOTO done', { kind: 'Goto', label: 'done' }],
    ['RETURN', { kind: 'Return', expression: undefined }],
    ['RETURN 0', { kind: 'Return', expression: { value: '0' } }],
    ['RETURN @rc', { expression: { kind: 'Variable' } }],
    ['RETURN (SELECT 1)', { expression: { kind: 'Subquery' } }],
    ['RETURN -1', { expression: { kind: 'Unary' } }],
    ['BEGIN TRY SELECT 1 END TRY BEGIN CATCH SELECT ERROR_MESSAGE() END CATCH', { kind: 'TryCatch', tryStatements: [{ kind: 'Select' }], catchStatements: [{ kind: 'Select' }] }],
    ['BEGIN TRAN', { kind: 'Transaction', action: 'BEGIN', name: undefined }],
    ['BEGIN TRANSACTION t1', { action: 'BEGIN', name: 't1' }],
    ["BEGIN TRAN t1 WITH MARK 'nightly'", { name: 't1' }],
    ['BEGIN DISTRIBUTED TRANSACTION', { action: 'BEGIN', distributed: true }],
    ['COMMIT', { action: 'COMMIT' }],
    ['COMMIT TRAN', { action: 'COMMIT' }],
    ['COMMIT TRANSACTION t1', { action: 'COMMIT', name: 't1' }],
    ['COMMIT WORK', { action: 'COMMIT', name: undefined }],
    ['ROLLBACK TRANSACTION @tn', { action: 'ROLLBACK', name: '@tn' }],
    ['SAVE TRAN sp1', { action: 'SAVE', name: 'sp1' }],
    ["BEGIN TRANSACTION CandidateDelete WITH MARK N'Deleting a candidate'", { action: 'BEGIN', name: 'CandidateDelete' }],
    ['BEGIN TRAN @name WITH MARK', { action: 'BEGIN', name: '@name' }],
    ['BEGIN TRAN [quoted name]', { action: 'BEGIN', name: 'quoted name' }],
    ['COMMIT TRANSACTION WITH (DELAYED_DURABILITY = ON)', { action: 'COMMIT', name: undefined }],
    ["IF ((SELECT 1) = 2) PRINT 'x'", { kind: 'If', condition: { kind: 'Binary', operator: '=', left: { kind: 'Subquery' } }, then: { kind: 'Print' } }],
    ["IF (((SELECT TOP (1) s FROM j ORDER BY id DESC)) = N'F') PRINT 'x'", { kind: 'If', condition: { operator: '=', left: { kind: 'Subquery' } } }],
    ["IF ((SELECT COUNT(*) FROM t) > 0) AND (SELECT MAX(id) FROM t) IS NOT NULL PRINT 'x'", { kind: 'If', condition: { operator: 'AND', left: { operator: '>' }, right: { kind: 'IsNull' } } }],
    ["IF NOT ((SELECT COUNT(*) FROM t) < 1) PRINT 'x'", { kind: 'If', condition: { kind: 'Unary', operand: { operator: '<' } } }],
    ['WHILE ((SELECT COUNT(*) FROM #q) > 0) DELETE TOP (100) FROM #q', { kind: 'While', condition: { operator: '>', left: { kind: 'Subquery' } }, body: { kind: 'Delete' } }],
    ["PRINT 'done: ' + CAST(@n AS varchar(10))", { kind: 'Print', expression: { kind: 'Binary' } }],
    ["RAISERROR('bad %s', 16, 1, @x) WITH NOWAIT", { kind: 'Raiserror', args: [{}, {}, {}, {}], options: ['NOWAIT'], legacy: false }],
    ["RAISERROR(@msg, 16, 1) WITH LOG, SETERROR", { options: ['LOG', 'SETERROR'] }],
    ["RAISERROR 50001 'legacy message'", { kind: 'Raiserror', legacy: true, args: [{ value: '50001' }, { value: 'legacy message' }] }],
    ['THROW', { kind: 'Throw', args: [] }],
    ["THROW 50000, 'boom', 1", { kind: 'Throw', args: [{}, {}, {}] }],
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });

  it.each<[string, string[]]>([
    ['done: PRINT 1', ['Label', 'Print']],
    ['SELECT 1 SELECT 2', ['Select', 'Select']],
    ['SELECT 1; SELECT 2;', ['Select', 'Select']],
    ['BEGIN TRAN UPDATE t SET a = 1 COMMIT', ['Transaction', 'Update', 'Transaction']],
    ['ROLLBACK\nRETURN', ['Transaction', 'Return']],
    ['RETURN\nSELECT 1', ['Return', 'Select']],
    ['THROW;\nSELECT 1', ['Throw', 'Select']],
    ['DECLARE @a int SET @a = 1 SELECT @a', ['Declare', 'SetVariable', 'Select']],
    ['EXEC p\nSELECT 1', ['Execute', 'Select']],
    ['PRINT 1 PRINT 2', ['Print', 'Print']],
  ])('statement boundaries without semicolons: %j', (sql, kinds) => {
    expect(kindsOf(sql)).toEqual(kinds);
  });
});
