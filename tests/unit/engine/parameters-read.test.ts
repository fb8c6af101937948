import { defineTransform, notImplemented, parametersRead, table } from '../../../src/engine';

// Which declared parameters a transform's SQL reads: `migrate run` asks no value for the others
// (a parameter declared and never read cannot change the rows).
const inputs = { 't': table({ K: 'int', D: 'date' }) };
const output = table({ K: 'int' });

describe('parametersRead', () => {
  it('names the parameters the SQL and every further output read', () => {
    const t = defineTransform({
      name: 'dbo.p/01-x', inputs, outputName: 'dbo.X', output, params: { '@From': 'date', '@To': 'date?', '@Unused': 'int' },
      sql: ({ table: tb, param }) => `SELECT K FROM ${tb('t')} WHERE D >= ${param('@From')}`,
      moreOutputs: { 'dbo.Y': { output, sql: ({ table: tb, param }) => `SELECT K FROM ${tb('t')} WHERE D <= ${param('@To')}` } },
    });
    expect([...(parametersRead(t) ?? [])].sort()).toEqual(['@From', '@To']);
  });

  it('does not know for a stub or a rows transform', () => {
    const stub = defineTransform({ name: 'dbo.p/02-y', inputs, outputName: 'dbo.X', output, params: { '@From': 'date' }, sql: () => notImplemented('dbo.p/02-y') });
    expect(parametersRead(stub)).toBeUndefined();
    const rows = defineTransform({ name: 'dbo.p/03-z', inputs, outputName: 'dbo.X', output, params: { '@From': 'date' }, rows: () => [] });
    expect(parametersRead(rows)).toBeUndefined();
  });
});
