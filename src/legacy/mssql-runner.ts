import { readFileSync } from 'node:fs';
import type * as Mssql from 'mssql';

// mssql (and tedious under it) costs ~0.4 s to load: only `capture --engine mssql` needs it,
// so it is required on first use instead of slowing every `migrate` command's start-up.
let mssqlModule: typeof Mssql | undefined;
function loadMssql(): typeof Mssql {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mssqlModule ??= require('mssql') as typeof Mssql;
  return mssqlModule;
}
import { LegacyError } from '../core';
import type { InputTable, LegacyRunResult, OutputTable, ResultSet } from './legacy-run';
import { splitObjectName } from '../tsql';
import { describeConnection, parseMssqlUrl, redactUrl, type MssqlConnection } from './mssql-url';
import { exactRows, outputTableQuery, SERVER_COLUMNS_SQL, type DriverColumn, type ServerColumn } from './mssql-values';

/** What to run on SQL Server: the procedure, its parameters, the data to load, what to read back. */
export interface MssqlCaptureRequest {
  readonly procedure: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly InputTable[];
  /** Tables the procedure writes (from static analysis), read back after EXEC. */
  readonly outputs: readonly { readonly name: string; readonly key: readonly string[] }[];
}

/**
 * Reads the SQL Server connection from the environment, never from flags: MIGRATE_MSSQL_URL
 * (+ MIGRATE_MSSQL_PASSWORD), or MIGRATE_MSSQL_CONFIG naming a JSON file `{"url": "…",
 * "password": "…"}` (keep it out of the repository). Undefined when no server is configured.
 */
export function readMssqlConnection(env: NodeJS.ProcessEnv = process.env): MssqlConnection | undefined {
  const url = env.MIGRATE_MSSQL_URL;
  if (url !== undefined && url.trim() !== '') return parseMssqlUrl(url.trim(), env.MIGRATE_MSSQL_PASSWORD);
  const file = env.MIGRATE_MSSQL_CONFIG;
  if (file === undefined || file.trim() === '') return undefined;
  let config: { url?: unknown; password?: unknown };
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; password?: unknown };
  } catch (err) {
    throw new LegacyError('MSSQL_CONFIG', `MIGRATE_MSSQL_CONFIG ${file}: cannot read it as JSON (${(err as NodeJS.ErrnoException).code ?? 'invalid JSON'})`, {
      location: { file }, hint: 'expected {"url": "mssql://user@host:1433/db?encrypt=true", "password": "…"}',
    });
  }
  if (typeof config.url !== 'string') {
    throw new LegacyError('MSSQL_CONFIG', `MIGRATE_MSSQL_CONFIG ${file}: no "url" string`, { location: { file }, hint: 'expected {"url": "mssql://user@host:1433/db", "password": "…"}' });
  }
  const password = env.MIGRATE_MSSQL_PASSWORD ?? (typeof config.password === 'string' ? config.password : undefined);
  return parseMssqlUrl(config.url, password);
}

/** Quotes one identifier for SQL Server: `[a]]b]`. */
export function quoteMssqlIdent(name: string): string {
  return `[${name.replace(/\]/g, ']]')}]`;
}

/** Quotes a possibly two-part name part by part: `[dbo].[Device]`. */
export function quoteMssqlName(name: string): string {
  // an omitted schema (`master..spt_values`) stays omitted: `[master]..[spt_values]`
  return splitObjectName(name).map((p) => (p === '' ? '' : quoteMssqlIdent(p))).join('.');
}

/**
 * Runs a procedure on SQL Server inside one transaction that is always rolled back, even when
 * the procedure fails: the input and output tables are emptied, loaded from the input rows
 * with parameterised inserts, the procedure is executed, output tables and result sets are
 * read back, then ROLLBACK. The legacy database is never changed. Messages never contain
 * the password.
 */
export async function captureFromMssql(connection: MssqlConnection, request: MssqlCaptureRequest): Promise<LegacyRunResult> {
  const sql = loadMssql();
  const secrets = [connection.password];
  const pool = new sql.ConnectionPool({
    server: connection.server,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    requestTimeout: connection.requestTimeout,
    options: { encrypt: connection.encrypt, trustServerCertificate: connection.trustServerCertificate },
  });
  try {
    await pool.connect();
  } catch (err) {
    throw new LegacyError('MSSQL_CONNECT', `cannot connect to SQL Server ${describeConnection(connection)}: ${redactUrl(errorText(err), secrets)}`, {
      hint: 'check MIGRATE_MSSQL_URL (mssql://user@host:1433/db) and MIGRATE_MSSQL_PASSWORD',
      cause: undefined,
    });
  }
  const tx = new sql.Transaction(pool);
  const messages: string[] = [];
  try {
    await tx.begin();
    try {
      await emptyTables(tx, [...request.outputs.map((o) => o.name), ...request.inputs.map((i) => i.name)]);
      for (const input of request.inputs) await loadInput(tx, input);
      const req = new sql.Request(tx);
      req.on('info', (info: { message: string }) => messages.push(info.message));
      for (const [name, value] of Object.entries(request.params)) req.input(name.replace(/^@/, ''), value);
      const result = await req.execute(request.procedure);
      // A procedure that ran ROLLBACK also rolled back the capture's transaction: its input data
      // is gone and anything it did afterwards was committed. The outputs cannot be trusted.
      const open = await new sql.Request(tx).query<{ n: number }>('SELECT @@TRANCOUNT AS n');
      if ((open.recordset[0]?.n ?? 0) === 0) {
        throw new LegacyError('MSSQL_ROLLED_BACK', `${request.procedure} rolled back the capture transaction (it raised an error and ran ROLLBACK); statements after its ROLLBACK were committed`, {
          hint: 'capture from a disposable copy of the database, or fix the input data so the procedure succeeds',
        });
      }
      const resultSets: ResultSet[] = (result.recordsets as unknown as Mssql.IRecordSet<Record<string, unknown>>[]).map((rs, i) => ({
        kind: 'result-set',
        columns: Object.keys(rs.columns),
        rows: exactRows(rs, rs.columns as unknown as Record<string, DriverColumn>, `${request.procedure}, result set ${i + 1}`),
      }));
      const outputs: OutputTable[] = [];
      for (const out of request.outputs) {
        // Every value exact: decimals, money and 100 ns times are read as text (mssql-values.ts).
        const columns = (await new sql.Request(tx).input('t', out.name).query<ServerColumn>(SERVER_COLUMNS_SQL)).recordset;
        const rs = await new sql.Request(tx).query<Record<string, unknown>>(outputTableQuery(quoteMssqlName(out.name), columns, quoteMssqlIdent));
        outputs.push({ kind: 'output-table', name: out.name, columns: Object.keys(rs.recordset.columns), key: out.key, rows: exactRows(rs.recordset, rs.recordset.columns as unknown as Record<string, DriverColumn>, out.name) });
      }
      return {
        kind: 'legacy-run', engine: 'mssql', procedure: request.procedure, outputs, resultSets, messages,
        returnValue: typeof result.returnValue === 'number' ? result.returnValue : null,
      };
    } finally {
      // Always roll back: a capture must never change the legacy database.
      try { await tx.rollback(); } catch { /* the server already rolled back (e.g. XACT_ABORT) */ }
    }
  } catch (err) {
    if (err instanceof LegacyError) throw err;
    throw new LegacyError('MSSQL_RUN', `SQL Server ${describeConnection(connection)} failed running ${request.procedure}: ${redactUrl(errorText(err), secrets)}`, {
      hint: 'the transaction was rolled back; nothing was changed',
    });
  } finally {
    await pool.close();
  }
}

/** Deletes rows in an order foreign keys accept: retry the ones that failed until none move. */
async function emptyTables(tx: Mssql.Transaction, names: readonly string[]): Promise<void> {
  const sql = loadMssql();
  let pending = [...new Set(names)];
  while (pending.length > 0) {
    const failed: string[] = [];
    let lastError: unknown;
    for (const name of pending) {
      try {
        await new sql.Request(tx).query(`DELETE FROM ${quoteMssqlName(name)}`);
      } catch (err) {
        failed.push(name);
        lastError = err;
      }
    }
    if (failed.length === pending.length) throw lastError;
    pending = failed;
  }
}

const MAX_PARAMS = 2000;

async function loadInput(tx: Mssql.Transaction, input: InputTable): Promise<void> {
  const sql = loadMssql();
  const table = quoteMssqlName(input.name);
  const cols = input.columns.map(quoteMssqlIdent).join(', ');
  const identity = await countIdentityColumns(tx, input);
  if (identity > 0) await new sql.Request(tx).query(`SET IDENTITY_INSERT ${table} ON`);
  const perRow = Math.max(1, input.columns.length);
  const batch = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let start = 0; start < input.rows.length; start += batch) {
    const req = new sql.Request(tx);
    const values: string[] = [];
    input.rows.slice(start, start + batch).forEach((row, r) => {
      values.push(`(${input.columns.map((_, c) => {
        const p = `p${r}_${c}`;
        req.input(p, sql.NVarChar(sql.MAX), row[c] ?? null);
        return `@${p}`;
      }).join(', ')})`);
    });
    await req.query(`INSERT INTO ${table} (${cols}) VALUES ${values.join(', ')}`);
  }
  if (identity > 0) await new sql.Request(tx).query(`SET IDENTITY_INSERT ${table} OFF`);
}

async function countIdentityColumns(tx: Mssql.Transaction, input: InputTable): Promise<number> {
  const sql = loadMssql();
  const req = new sql.Request(tx).input('t', input.name);
  input.columns.forEach((c, i) => req.input(`c${i}`, c));
  const list = input.columns.map((_, i) => `@c${i}`).join(', ');
  const rs = await req.query<{ n: number }>(`SELECT COUNT(*) AS n FROM sys.identity_columns WHERE object_id = OBJECT_ID(@t) AND name IN (${list})`);
  return rs.recordset[0]?.n ?? 0;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
