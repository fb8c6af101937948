import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A realistic ETL workspace we wrote ourselves (tests/fixtures/etl-workspace): bracketed names
// with spaces, an alias type, a sequence DEFAULT, a computed column, a view, scalar UDFs (one
// ALTERed by an upgrade script), JSON_VALUE/ISJSON, and OUTPUT INTO, captured end to end.
const ws = join(__dirname, '../fixtures/etl-workspace');

const capture = async (params: string[]): Promise<{ code: number; out: string; err: string; dir: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'capture-etl-'));
  const r = await runMigrate(['capture', 'etl.[usp_Load Orders]', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', dir, '--json', ...params]);
  return { ...r, dir };
};

const csv = (dir: string, prefix: string): string[] => {
  const file = readdirSync(dir).find((f) => f.toLowerCase().startsWith(prefix.toLowerCase()) && f.endsWith('.csv'));
  if (file === undefined) throw new Error(`no ${prefix}*.csv in ${readdirSync(dir).join(', ')}`);
  return readFileSync(join(dir, file), 'utf8').trim().split('\n');
};

describe('migrate capture of an ETL procedure using a sequence default, UDFs, a view and OUTPUT INTO', () => {
  it('loads the valid orders, converted, banded and logged', async () => {
    const r = await capture([]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.out) as { tables: { name: string; rows: number }[]; resultSets: { rows: number }[] };
    expect(manifest.tables.map((t) => [t.name, t.rows])).toEqual([['dw.fact order', 3], ['etl.load log', 3]]);
    const fact = csv(r.dir, 'dw.Fact Order');
    expect(fact[0]).toBe('FactId,Order Ref,Customer,AmountEur,Band,Channel,AmountCents');
    // Which order takes which sequence value is not defined by SQL Server: compare without FactId.
    const rows = fact.slice(1).map((l) => l.split(',')).map(([id, ...rest]) => ({ id: Number(id), rest: rest.join(',') }));
    expect(rows.map((x) => x.id).sort()).toEqual([5000, 5001, 5002]);
    expect(rows.map((x) => x.rest).sort()).toEqual([
      'A-1,C001,50.00,small,web,5000',
      'A-2,C002,184.00,medium,shop,18400',
      'A-3,C003,1755.00,large,,175500',
    ]);
    const log = csv(r.dir, 'etl.Load Log').slice(1).map((l) => l.split(','));
    expect(log.map(([logId]) => Number(logId)).sort()).toEqual([1, 2, 3]);
    const byRef = new Map(rows.map((x) => [x.rest.split(',')[0], x.id]));
    for (const [, factId, ref, action] of log) {
      expect(action).toBe('insert');
      expect(byRef.get(ref)).toBe(Number(factId));
    }
  });

  it('passes the parameter through the UDF in WHERE', async () => {
    const r = await capture(['--param', 'MinEur=100']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.out) as { tables: { name: string; rows: number }[] };
    expect(manifest.tables.map((t) => [t.name, t.rows])).toEqual([['dw.fact order', 2], ['etl.load log', 2]]);
  });

  it('makes NEWID() deterministic under --seed and names the columns it feeds in the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-seed-'));
    mkdirSync(join(dir, 'procedures', 'tables'), { recursive: true });
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'procedures', 'tables', 't.sql'), 'CREATE TABLE dbo.Src (Id int NOT NULL PRIMARY KEY)\nGO\nCREATE TABLE dbo.Batch (Id int NOT NULL PRIMARY KEY, Token uniqueidentifier NOT NULL)\nGO\n');
    writeFileSync(join(dir, 'procedures', 'p.sql'), 'CREATE PROCEDURE dbo.usp_Tag AS\nBEGIN\n  INSERT INTO dbo.Batch (Id, Token) SELECT Id, NEWID() FROM dbo.Src;\nEND\nGO\n');
    writeFileSync(join(dir, 'data', 'dbo.Src.csv'), 'Id\n1\n2\n');
    const run = async (seed: string): Promise<{ manifest: { seed: number; nonReproducible: string[] }; batch: string }> => {
      const out = mkdtempSync(join(tmpdir(), 'capture-seed-out-'));
      const r = await runMigrate(['capture', 'dbo.usp_Tag', '--data', join(dir, 'data'), '--procedures', join(dir, 'procedures'), '--out', out, '--seed', seed, '--json']);
      expect(r.code).toBe(0);
      return { manifest: JSON.parse(r.out) as { seed: number; nonReproducible: string[] }, batch: readFileSync(join(out, 'dbo.Batch.csv'), 'utf8') };
    };
    const a = await run('42');
    const b = await run('42');
    const c = await run('7');
    expect(a.manifest.seed).toBe(42);
    expect(a.manifest.nonReproducible).toEqual(['dbo.Batch.Id', 'dbo.Batch.Token']);
    expect(b.batch).toBe(a.batch);
    expect(c.batch).not.toBe(a.batch);
  });
});
