import { withUtf8Csv } from '../core';
import { castToColumnSql, duckdbTypeOf, quoteIdent, quoteLiteral, type EngineSession, type TableSchema } from '../engine';

interface LoadJob {
  readonly file: string;
  readonly schema: TableSchema;
  readonly table: string;
  readonly resolve: (table: string) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Loads a pipeline's data files into typed tables, each once per declared shape, on connections
 * of their own (up to `lanes` at a time) so that the loads run beside each other and beside the
 * sections already running. Each CSV is sniffed twice (its header, then the typed read), and
 * sniffing runs on one thread (~50-100 ms a file at 100,000 devices, eight sniffs for
 * BuildDeviceKpis); the small files do not fill two cores either: side by side, one load's
 * single-threaded parts use the core another leaves idle. The tables are ordinary tables of the
 * session's database, visible to every connection once their CREATE has committed, which is
 * when their promise resolves.
 */
export class InputLoader {
  private readonly tables = new Map<string, Promise<string>>();
  private readonly pending: LoadJob[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Per loaded table, the declared columns its file does not hold (read as NULL). */
  private readonly lacking = new Map<string, readonly string[]>();
  private count = 0;

  constructor(private readonly session: EngineSession, private readonly lanes = 2) {}

  /**
   * The table `file` is (being) loaded into with the declared `schema`'s columns and types;
   * starts the load when it is the first request for that file and shape. The promise rejects
   * with DuckDB's error when a value does not convert; nothing is reported unhandled when no one
   * awaits it (an earlier section failed first).
   */
  load(file: string, schema: TableSchema): Promise<string> {
    const key = `${file}\u0000${schema.columns.map((c) => `${c.name.toLowerCase()}:${duckdbTypeOf(c.type)}`).join(',')}`;
    const known = this.tables.get(key);
    if (known) return known;
    const table = `__file${++this.count}`;
    const promise = new Promise<string>((resolve, reject) => this.pending.push({ file, schema, table, resolve, reject }));
    promise.catch(() => undefined);
    this.tables.set(key, promise);
    this.pump();
    return promise;
  }

  /** The declared columns the file loaded into `table` does not hold (NULL in the table). */
  lackingColumns(table: string): readonly string[] {
    return this.lacking.get(table) ?? [];
  }

  /** Waits until no load is running (before the session is used for anything else or closed). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (this.running.size < this.lanes && this.pending.length > this.running.size) {
      const lane: Promise<void> = this.runLane().finally(() => this.running.delete(lane));
      this.running.add(lane);
    }
  }

  /** One connection taking jobs until none is left. */
  private async runLane(): Promise<void> {
    let connection: EngineSession | undefined;
    try {
      connection = await this.session.fork();
      for (let job = this.pending.shift(); job; job = this.pending.shift()) {
        try {
          this.lacking.set(job.table, await loadTyped(connection, job.file, job.schema, job.table));
          job.resolve(job.table);
        } catch (err) {
          job.reject(err);
        }
      }
    } catch (err) {
      for (let job = this.pending.shift(); job; job = this.pending.shift()) job.reject(err);
    } finally {
      connection?.close();
    }
  }
}

/**
 * Reads a CSV or Parquet file into `table` with the declared columns (matched by name, any case;
 * a declared column the file lacks is NULL, and returned) in their declared types. A CSV is parsed straight
 * into those types (the other columns stay text): the same conversions as CAST from text (every
 * edge case compared in run-pipeline.test.ts), without building 2M strings first (-22% CPU
 * reading DeviceUsage).
 */
async function loadTyped(session: EngineSession, file: string, schema: TableSchema, table: string): Promise<string[]> {
  // An SSMS export in UTF-16 or Windows-1252 is read through a UTF-8 copy.
  return withUtf8Csv(file, (path) => loadTypedUtf8(session, path, schema, table));
}

async function loadTypedUtf8(session: EngineSession, file: string, schema: TableSchema, table: string): Promise<string[]> {
  const parquet = file.endsWith('.parquet');
  // A quoted empty field ("") is the empty string, an unquoted one NULL, as the emulator reads it.
  let source = parquet ? `read_parquet(${quoteLiteral(file)})` : `read_csv(${quoteLiteral(file)}, header = true, all_varchar = true, allow_quoted_nulls = false)`;
  const sourceCols = (await session.all(`DESCRIBE SELECT * FROM ${source}`)).map((r) => String(r.column_name));
  const declared = (col: string): TableSchema['columns'][number] | undefined => schema.columns.find((d) => d.name.toLowerCase() === col.toLowerCase());
  if (!parquet && sourceCols.length > 0) {
    const types = sourceCols.map((col) => {
      const c = declared(col);
      return `${quoteLiteral(col)}: ${quoteLiteral(c ? duckdbTypeOf(c.type) : 'VARCHAR')}`;
    });
    source = `read_csv(${quoteLiteral(file)}, header = true, allow_quoted_nulls = false, types = {${types.join(', ')}})`;
  }
  const select = (emptyIsNull: boolean): string => schema.columns.map((c) => {
    const s = sourceCols.find((x) => x.toLowerCase() === c.name.toLowerCase());
    const v = s === undefined ? 'NULL' : emptyIsNull && c.type.base !== 'text' ? `NULLIF(${quoteIdent(s)}, '')` : quoteIdent(s);
    return `${castToColumnSql(v, c.type, c.name)} AS ${quoteIdent(c.name)}`;
  }).join(', ');
  try {
    await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT ${select(false)} FROM ${source}`);
  } catch (err) {
    // A quoted empty field ("") in a number or date column: NULL there, as the emulator loads it
    // (only text columns hold the empty string). Read as text once more, only on this path.
    if (parquet || !/Could not convert string "" to/.test(err instanceof Error ? err.message : String(err))) throw err;
    const text = `read_csv(${quoteLiteral(file)}, header = true, all_varchar = true, allow_quoted_nulls = false)`;
    await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT ${select(true)} FROM ${text}`);
  }
  return schema.columns.filter((c) => !sourceCols.some((x) => x.toLowerCase() === c.name.toLowerCase())).map((c) => c.name);
}
