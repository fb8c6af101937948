import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, quoteIdent, table } from '../../../src/engine';
import { InputLoader } from '../../../src/sections/input-loader';

describe('InputLoader', () => {
  let session: EngineSession;
  let dir: string;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 2 });
    dir = mkdtempSync(join(tmpdir(), 'input-loader-'));
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `t${i}.csv`), `Id,Name,At\n${Array.from({ length: 50 }, (_, r) => `${r},n${i}_${r},2026-03-0${1 + (r % 9)} 10:00:00`).join('\n')}\n`);
    writeFileSync(join(dir, 'bad.csv'), 'Id,Name\n1,a\nx,b\n');
  });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  const shape = table({ id: 'int', NAME: 'text', At: 'timestamp', Missing: 'int?' });

  it.each([1, 2, 3])('loads every file once per shape, in its declared types, on %i lane(s)', async (lanes) => {
    const loader = new InputLoader(session, lanes);
    const files = [0, 1, 2, 3, 4].map((i) => join(dir, `t${i}.csv`));
    const tables = await Promise.all(files.map((f) => loader.load(f, shape)));
    expect(new Set(tables).size).toBe(5);
    expect(await loader.load(files[0] as string, shape)).toBe(tables[0]);
    expect(await loader.load(files[0] as string, table({ Id: 'bigint' }))).not.toBe(tables[0]);
    for (const [i, t] of tables.entries()) {
      const rows = await session.all(`SELECT count(*) AS n, min(NAME) AS first, typeof(min(id)) AS idType, typeof(min("At")) AS atType, count(Missing) AS missing FROM ${quoteIdent(t)}`);
      expect(rows[0]).toEqual({ n: 50n, first: `n${i}_0`, idType: 'INTEGER', atType: 'TIMESTAMP', missing: 0n });
      // the declared column the file lacks is named, for migrate run to judge (a computed column refuses)
      expect(loader.lackingColumns(t)).toEqual(['Missing']);
    }
    await loader.settle();
  });

  it('reads a datetime2 column as its 7-digit text, exactly, and stops on a value it cannot hold', async () => {
    writeFileSync(join(dir, 'dim.csv'), 'K,ValidTo\n1,9999-12-31 23:59:59.9999999\n2,2020-01-01 00:00:00\n3,\n');
    writeFileSync(join(dir, 'dim-bad.csv'), 'K,ValidTo\n1,9999-12-31 23:59:59.99999999\n');
    const loader = new InputLoader(session, 1);
    const t = await loader.load(join(dir, 'dim.csv'), table({ K: 'int', ValidTo: 'datetime2?' }));
    expect(await session.all(`SELECT K, ValidTo FROM ${quoteIdent(t)} ORDER BY K`)).toEqual([
      { K: 1, ValidTo: '9999-12-31 23:59:59.9999999' }, { K: 2, ValidTo: '2020-01-01 00:00:00.0000000' }, { K: 3, ValidTo: null },
    ]);
    await expect(loader.load(join(dir, 'dim-bad.csv'), table({ K: 'int', ValidTo: 'datetime2' }))).rejects.toThrow(/column ValidTo: '9999-12-31 23:59:59.99999999' is not a datetime2/);
  });

  it('rejects the load of a value that does not convert, and the others still load', async () => {
    const loader = new InputLoader(session, 2);
    const bad = loader.load(join(dir, 'bad.csv'), table({ Id: 'int', Name: 'text' }));
    const good = loader.load(join(dir, 't0.csv'), shape);
    await expect(bad).rejects.toThrow(/Could not convert|Conversion Error/i);
    await expect(good).resolves.toMatch(/^__file/);
  });

  it('leaves no unhandled rejection for a failed load no one awaits, and settles', async () => {
    const loader = new InputLoader(session, 2);
    void loader.load(join(dir, 'bad.csv'), table({ Id: 'int' }));
    await loader.settle();
    await new Promise((resolve) => setImmediate(resolve));
  });
});
