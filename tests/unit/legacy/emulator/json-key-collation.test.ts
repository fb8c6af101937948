import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// OPENJSON's key column is nvarchar(4000) COLLATE Latin1_General_BIN2 (the OPENJSON page): in
// SQL Server `[key] = 'qty'` does not find "Qty", and keys order and group in binary order. The
// emulator compared and ordered it case-insensitively: a silently wrong row count.
const DOC = `N'{"Qty":1,"b":2,"a":3,"B":4}'`;

describe('OPENJSON key under its binary collation', () => {
  it.each([
    [`[key] = 'qty'`, []],
    [`[key] = 'Qty'`, [{ v: '1' }]],
    [`[key] <> 'b' AND [key] <> 'qty'`, [{ v: '1' }, { v: '3' }, { v: '4' }]],
  ])('compares %s as written', async (condition, rows) => {
    const r = await runBody(`SELECT value AS v FROM OPENJSON(${DOC}) WHERE ${condition} ORDER BY value`);
    expect(resultRows(r)).toEqual(rows);
  });

  it('reads the index keys of an array as they are, also ordered', async () => {
    const r = await runBody(`SELECT CAST([key] AS int) + 1 AS n, [key] AS k FROM OPENJSON(N'[10,20,30]') ORDER BY [key] DESC`);
    expect(resultRows(r)).toEqual([{ n: 3, k: '2' }, { n: 2, k: '1' }, { n: 1, k: '0' }]);
  });

  it('refuses ordering property names, which SQL Server orders in binary order', async () => {
    const err = await runBody(`SELECT [key] AS k FROM OPENJSON(${DOC}) ORDER BY [key]`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/key holding other characters than digits, declared COLLATE Latin1_General_BIN2.*COLLATE DATABASE_DEFAULT/);
  });

  it('reads property names under the database collation where the code says so', async () => {
    const r = await runBody(`SELECT [key] COLLATE DATABASE_DEFAULT AS k FROM OPENJSON(${DOC}) WHERE [key] = 'B'`);
    expect(resultRows(r)).toEqual([{ k: 'B' }]);
  });
});

// `INSERT INTO t (k) SELECT j.[key] FROM OPENJSON(@doc) j` was refused (json probe,
// usp_AuditPayloadKeys): a value only copied into a column takes that column's collation, so
// nothing compares it under Latin1_General_BIN2. Where the query still orders or groups it,
// the refusal stays.
describe('OPENJSON key copied into a column', () => {
  const tables = 'CREATE TABLE dbo.[Key Audit] ([Key Name] nvarchar(200) NOT NULL, Pos int NULL)\nGO\n';

  it('is stored as written, and compares under the column\'s collation after', async () => {
    const r = await runBody(`INSERT INTO dbo.[Key Audit] ([Key Name]) SELECT j.[key] FROM OPENJSON(${DOC}) j
SELECT [Key Name] AS k FROM dbo.[Key Audit] WHERE [Key Name] = 'qty'`, { tables });
    const out = r.outputs.find((o) => o.name.toLowerCase().includes('key audit'));
    expect(out?.rows.map((x) => x['Key Name']).sort()).toEqual(['B', 'Qty', 'a', 'b']);
    expect(resultRows(r)).toEqual([{ k: 'Qty' }]);
  });

  it.each([
    ['an ORDER BY naming the item', `SELECT j.[key], NULL FROM OPENJSON(${DOC}) j ORDER BY [key]`],
    ['an ORDER BY by position', `SELECT j.[key], NULL FROM OPENJSON(${DOC}) j ORDER BY 1`],
    ['an expression over it', `SELECT UPPER(j.[key]), NULL FROM OPENJSON(${DOC}) j`],
  ])('stays refused under %s', async (_what, select) => {
    const err = await runBody(`INSERT INTO dbo.[Key Audit] ([Key Name], Pos) ${select}`, { tables }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/COLLATE Latin1_General_BIN2/);
  });
});
