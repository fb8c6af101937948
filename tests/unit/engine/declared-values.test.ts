import { defineTransform, EngineSession, runTransformResult, table, type ColumnTypeText } from '../../../src/engine';

// A section's declared values (Transform.values): one column, at most one row, of the declared
// type, computed on what the section wrote. Anything else stops with the value named, never a
// number cut to fit.
describe('a transform\'s declared values', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  const inputs = { 'stg.Invoice': table({ Customer: 'text', Amount: 'decimal(12,2)' }) };
  const rows = { 'stg.Invoice': [{ Customer: 'Acme', Amount: 10 }, { Customer: 'Acme', Amount: 30.25 }, { Customer: 'Bolt', Amount: 60 }] };
  const withTotal = (type: ColumnTypeText, sql: string) => defineTransform({
    name: 'dbo.p/02-fact', inputs, outputName: '#fact', output: table({ Customer: 'text', Amount: 'decimal(12,2)' }),
    sql: ({ table: t }) => `SELECT Customer, Amount FROM ${t('stg.Invoice')} WHERE Amount > 20`,
    values: { '@Total': { type, sql: ({ output }) => sql.replace('$out', output()) } },
  });

  it('computes a value from the section\'s own output, typed as declared', async () => {
    const result = await runTransformResult(session, withTotal('decimal(14,2)?', 'SELECT CAST(sum(Amount) AS DECIMAL(14,2)) FROM $out'), rows);
    expect(result.values.get('total')).toMatchObject({ name: '@Total', value: 90.25 });
    expect(result.outputs[0]?.rows).toHaveLength(2);
  });

  it('is NULL when the SELECT gives no row, if the declaration admits NULL', async () => {
    const result = await runTransformResult(session, withTotal('int?', 'SELECT 1 FROM $out WHERE false'), rows);
    expect(result.values.get('total')?.value).toBeNull();
  });

  it.each([
    ['two rows', 'int?', 'SELECT 1 FROM $out', 'its SELECT returns 2 rows'],
    ['two columns', 'int?', 'SELECT 1 AS a, 2 AS b', 'its SELECT returns 2 columns'],
    ['a double declared int', 'int?', 'SELECT avg(Amount) FROM $out', 'declared int? (INTEGER), its SELECT gives DOUBLE'],
    ['NULL declared not nullable', 'int', 'SELECT CAST(NULL AS INTEGER)', 'it is NULL but declared int'],
  ] as const)('refuses %s', async (_what, type, sql, message) => {
    await expect(runTransformResult(session, withTotal(type, sql), rows)).rejects.toMatchObject({ code: 'ENGINE_VALUE', message: expect.stringContaining(`value @Total: ${message}`) });
  });

  it('names a mistake in the transform\'s own code as the transform\'s, not as an internal error', async () => {
    const broken = defineTransform({
      name: 'dbo.p/02-fact', inputs, outputName: '#fact', output: table({ Customer: 'text', Amount: 'decimal(12,2)' }),
      sql: () => { throw new ReferenceError('notImplemented is not defined'); },
    });
    await expect(runTransformResult(session, broken, rows)).rejects.toMatchObject({ code: 'ENGINE_TRANSFORM_THREW', message: 'transform dbo.p/02-fact: its sql builder threw ReferenceError: notImplemented is not defined' });
    const brokenValue = withTotal('int?', 'unused');
    const values = { '@Total': { type: 'int?' as const, sql: (): string => { throw new TypeError('x.map is not a function'); } } };
    await expect(runTransformResult(session, { ...brokenValue, values }, rows)).rejects.toMatchObject({ code: 'ENGINE_TRANSFORM_THREW', message: 'transform dbo.p/02-fact: its value @Total builder threw TypeError: x.map is not a function' });
  });
});
