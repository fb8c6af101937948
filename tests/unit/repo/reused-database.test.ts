import type { EngineSession } from '../../../src/engine';
import { withReusedDatabase } from '../../support/reused-database';

// The tests that share one DuckDB database per file (tests/support/reused-database.ts) are only
// as good as its wipe: every run must find the database as a just-opened one gives it.

async function leftovers(s: EngineSession): Promise<unknown[]> {
  return s.all(`
    SELECT 'table ' || table_name AS what FROM duckdb_tables()
    UNION ALL SELECT 'view ' || view_name FROM duckdb_views() WHERE NOT internal
    UNION ALL SELECT 'sequence ' || sequence_name FROM duckdb_sequences()
    UNION ALL SELECT 'macro ' || function_name FROM duckdb_functions() WHERE NOT internal
    UNION ALL SELECT 'schema ' || schema_name FROM duckdb_schemas() WHERE schema_name NOT IN ('main', 'information_schema', 'pg_catalog')
    ORDER BY 1`);
}

describe('withReusedDatabase', () => {
  it('hands the next run an empty database, whatever the last one created or set', async () => {
    await withReusedDatabase(async (s) => {
      await s.run(`CREATE SCHEMA kpi; CREATE TABLE kpi.t (a INTEGER); INSERT INTO kpi.t VALUES (1);
        CREATE TABLE u (b VARCHAR); CREATE VIEW v AS SELECT * FROM u; CREATE SEQUENCE q START 5;
        CREATE MACRO m(x) AS x + 1; CREATE TEMP TABLE tt (c INTEGER);
        SET default_collation = 'nocase'; SET disabled_optimizers = 'statistics_propagation'`);
      expect((await leftovers(s)).length).toBeGreaterThan(5);
    });
    await withReusedDatabase(async (s) => {
      expect(await leftovers(s)).toEqual([]);
      expect(await s.scalar("SELECT current_setting('default_collation')")).toBe('');
      expect(await s.scalar("SELECT current_setting('disabled_optimizers')")).toBe('');
      expect(await s.scalar("SELECT current_setting('TimeZone')")).toBe('UTC');
      expect(await s.scalar("SELECT current_setting('threads')")).toBe(1n);
    });
  });

  it('gives a new database when a run left a setting the wipe does not restore', async () => {
    await withReusedDatabase((s) => s.run('SET GLOBAL threads = 2'));
    await withReusedDatabase(async (s) => {
      expect(await s.scalar("SELECT current_setting('threads')")).toBe(1n);
    });
  });

  it('gives a run that starts inside another a database of its own', async () => {
    await withReusedDatabase(async (outer) => {
      await outer.run('CREATE TABLE only_outer (a INTEGER)');
      await withReusedDatabase(async (inner) => {
        expect(await leftovers(inner)).toEqual([]);
      });
      expect(await leftovers(outer)).toEqual([{ what: 'table only_outer' }]);
    });
  });
});
