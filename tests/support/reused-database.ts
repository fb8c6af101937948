import { EngineSession } from '../../src/engine';

// Opening a DuckDB database and closing it cost ~45 ms of CPU per test, more than most emulator
// tests themselves: creating the instance builds DuckDB's whole function catalog, and closing it
// calls malloc_trim, which hands every free page of the process back to the system (one madvise,
// and a TLB flush across cores, per free range; more in a jest worker's big heap). So each test
// file keeps one database open and gives each run a fresh connection to it; after the run, its
// `memory` database is swapped for a new, empty one of the same name, and the run is released
// only when what a new connection sees (databases, schemas, tables, views, sequences, settings,
// variables, loaded extensions) is exactly what it saw on the just-opened database. Anything
// else (a setting left changed, a failed swap, a database DuckDB invalidated) closes it, and the
// next run gets a new database: no run ever sees what an earlier one left. The emulator installs
// its macros itself on every run, into the empty `memory` database, as in a fresh one.

/**
 * What a new connection sees of the database's state, as sorted `kind name` lines. Macros are not
 * listed (duckdb_functions() builds a row for each of DuckDB's ~3,000 functions: 25 ms a call):
 * a run's macros live in `memory` (swapped) or TEMP (gone with its connection), and DuckDB
 * refuses any entry in its system catalog.
 */
const STATE = `
  SELECT 'database ' || database_name || ' ' || coalesce(path, '') || ' ' || type AS line FROM duckdb_databases()
  UNION ALL SELECT 'schema ' || database_name || '.' || schema_name FROM duckdb_schemas()
  UNION ALL SELECT 'table ' || database_name || '.' || schema_name || '.' || table_name FROM duckdb_tables()
  UNION ALL SELECT 'view ' || database_name || '.' || schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal
  UNION ALL SELECT 'sequence ' || database_name || '.' || schema_name || '.' || sequence_name FROM duckdb_sequences()
  UNION ALL SELECT 'setting ' || name || '=' || coalesce(value, '') FROM duckdb_settings()
  UNION ALL SELECT 'variable ' || name FROM duckdb_variables()
  UNION ALL SELECT 'extension ' || extension_name FROM duckdb_extensions() WHERE loaded
  ORDER BY 1`;

/**
 * The swap: `memory` (the default database, where the emulator creates tables, views, sequences
 * and macros) is detached and attached again empty. TEMP objects went with the run's connection.
 * The emulator's `SET default_collation` and `SET disabled_optimizers` are global: set back to DuckDB's defaults.
 */
const WIPE = [
  "ATTACH ':memory:' AS __spare", 'USE __spare', 'DETACH memory', "ATTACH ':memory:' AS memory", 'USE memory', 'DETACH __spare',
  'RESET GLOBAL default_collation', 'RESET GLOBAL disabled_optimizers',
].join(';\n');

interface Database {
  readonly owner: EngineSession;
  /** What a new connection saw on it just after it was opened. */
  readonly state: string;
}

/** Databases no run is using, wiped. A run that needs one while all are in use (a test comparing two runs) opens another. */
const idle: Database[] = [];

async function openDatabase(): Promise<Database> {
  const owner = await EngineSession.open({ threads: 1 });
  return { owner, state: await stateOf(owner) };
}

async function stateOf(owner: EngineSession): Promise<string> {
  const probe = await owner.fork();
  try {
    return (await probe.all(STATE)).map((r) => String(r.line)).join('\n');
  } finally {
    probe.close();
  }
}

/** Empties the database after a run: true when it is exactly as just opened again; otherwise it is closed. */
async function wiped(db: Database): Promise<boolean> {
  try {
    const cleaner = await db.owner.fork();
    try {
      await cleaner.run(WIPE);
    } finally {
      cleaner.close();
    }
    if ((await stateOf(db.owner)) === db.state) return true;
  } catch {
    // a database DuckDB invalidated, or a swap that failed: the next run opens a new one
  }
  db.owner.close();
  return false;
}

/**
 * Runs `body` with a session (one thread) on an empty in-memory database, as
 * `EngineSession.open({ threads: 1 })` gives, on a database the test file opened once.
 */
export async function withReusedDatabase<T>(body: (session: EngineSession) => Promise<T>): Promise<T> {
  const db = idle.pop() ?? (await openDatabase());
  const session = await db.owner.fork();
  try {
    return await body(session);
  } finally {
    session.close();
    if (await wiped(db)) idle.push(db);
  }
}

afterAll(() => {
  for (const db of idle.splice(0)) db.owner.close();
});
