import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { EngineError } from '../core';

/** Settings for one DuckDB session. Memory is bounded and spills to disk, so large compares
 * degrade to slower, never to an out-of-memory crash. */
export interface SessionOptions {
  /** ':memory:' (default) or a .duckdb file path. */
  readonly path?: string;
  /** DuckDB `memory_limit`, e.g. '3GB'. Default: 3GB (keeps peak under the 4 GB budget). */
  readonly memoryLimit?: string;
  /** Where DuckDB spills when over the limit. Default: DuckDB's own (next to the db / .tmp). */
  readonly tempDirectory?: string;
  /** Worker threads; default: all cores. */
  readonly threads?: number;
  /** Open the database file read-only (acceptance inputs are never modified). */
  readonly readOnly?: boolean;
}

/** A row as plain JS values: BIGINT as bigint, DECIMAL/DOUBLE as number, dates as strings. */
export type Row = Record<string, unknown>;

/** Parameter values bound to `$1`, `$2`, … or `$name` placeholders. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/** DuckDB's bindings, loaded on the first session: loading the native library takes a fifth of
 * a second, which commands that never open a session (analyze, sections check) should not pay. */
function loadDuckDB(): typeof import('@duckdb/node-api') {
  keepFreedPages();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@duckdb/node-api') as typeof import('@duckdb/node-api');
}

/**
 * DuckDB's allocator (its own jemalloc, configured by DUCKDB_JE_MALLOC_CONF when it starts) hands
 * pages it has freed back to the system after a second, and takes fresh ones for the next
 * allocation. Scanning a large CSV frees and allocates its buffers all along, and every fresh page
 * is a page fault: comparing two 10M-row CSVs took ~475k faults, ~395k when freed pages stay with
 * the process, 10-15% of the run's time on this machine (BENCHMARKS.md). A CLI process is short:
 * its peak memory does not change, so freed pages are kept for reuse. A value the user set wins.
 */
function keepFreedPages(): void {
  process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:-1,muzzy_decay_ms:-1';
}

/**
 * The one place tsql-migrate talks to DuckDB. Every statement goes through `run`/`all` with
 * values as parameters, never spliced into SQL text; identifiers go through `quoteIdent`.
 */
export class EngineSession {
  private constructor(private readonly instance: DuckDBInstance, readonly connection: DuckDBConnection, private readonly ownsInstance = true) {}

  /**
   * A second connection to the same database, for work that can run beside this session's
   * (DuckDB runs each connection's queries on their own thread): it sees the same files and
   * tables but not this connection's TEMP views. Closing it leaves the database open.
   */
  async fork(): Promise<EngineSession> {
    try {
      return new EngineSession(this.instance, await this.instance.connect(), false);
    } catch (err) {
      throw new EngineError('ENGINE_OPEN', `cannot open a second DuckDB connection: ${errorText(err)}`, { cause: err });
    }
  }

  /** Opens a session with bounded memory. */
  static async open(options: SessionOptions = {}): Promise<EngineSession> {
    const config: Record<string, string> = { memory_limit: options.memoryLimit ?? '3GB' };
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    try {
      const instance = await loadDuckDB().DuckDBInstance.create(options.path ?? ':memory:', config);
      const connection = await instance.connect();
      // TIMESTAMPTZ <-> TIMESTAMP casts and TIMESTAMPTZ text follow DuckDB's TimeZone, which
      // defaults to the machine's zone (TZ): pinned to UTC for every connection of the instance,
      // so a datetimeoffset's date and time parts, and what run and capture write, never
      // depend on where the tool runs. (ICU owns the setting: it cannot go in `config`.)
      await connection.run("SET GLOBAL TimeZone = 'UTC'");
      return new EngineSession(instance, connection);
    } catch (err) {
      throw new EngineError('ENGINE_OPEN', `cannot open DuckDB ${options.path ?? ':memory:'}: ${errorText(err)}`, { cause: err });
    }
  }

  /** Runs statements that return nothing of interest. */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      if (params === undefined) await this.connection.run(sql);
      else await this.connection.run(sql, params as never);
    } catch (err) {
      throw new EngineError('ENGINE_SQL', `DuckDB: ${errorText(err)}`, { cause: err });
    }
  }

  /** Runs a query and returns every row as an object keyed by column name. */
  async all(sql: string, params?: Params): Promise<Row[]> {
    try {
      const reader = params === undefined ? await this.connection.runAndReadAll(sql) : await this.connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS() as Row[];
    } catch (err) {
      throw new EngineError('ENGINE_SQL', `DuckDB: ${errorText(err)}`, { cause: err });
    }
  }

  /**
   * Runs a query and returns every row with each value in its exact text form where JavaScript
   * would lose precision: timestamps with all their digits (`2024-01-01 10:00:00.000001`,
   * TIMESTAMP_NS to the nanosecond), DECIMAL and HUGEINT digits as text, dates as `YYYY-MM-DD`;
   * doubles stay numbers (their shortest round-trip text is exact). For values people compare
   * by eye (an acceptance report's differing records), where `all`'s Date would cut to the ms.
   */
  async allExact(sql: string): Promise<Row[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Row[];
    } catch (err) {
      throw new EngineError('ENGINE_SQL', `DuckDB: ${errorText(err)}`, { cause: err });
    }
  }

  /** Runs a query and returns its column names and DuckDB type names, and the rows. */
  async describe(sql: string, params?: Params): Promise<{ columns: { name: string; type: string }[]; rows: Row[] }> {
    try {
      const reader = params === undefined ? await this.connection.runAndReadAll(sql) : await this.connection.runAndReadAll(sql, params as never);
      const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i]?.toString() ?? 'UNKNOWN' }));
      return { columns, rows: reader.getRowObjectsJS() as Row[] };
    } catch (err) {
      throw new EngineError('ENGINE_SQL', `DuckDB: ${errorText(err)}`, { cause: err });
    }
  }

  /**
   * Appends rows of text (null for NULL) to a table whose columns are all VARCHAR, through
   * DuckDB's appender: no SQL to parse and no parameter to bind per value, which for a thousand
   * rows is more than ten times cheaper than one INSERT … VALUES with a parameter per value. The
   * rows land in the connection's current transaction, as an INSERT would. `catalog`: the
   * database holding the table (`temp` for a TEMP table, `memory` for an in-memory one).
   */
  async appendText(table: string, catalog: string, rows: readonly (readonly (string | null)[])[]): Promise<void> {
    try {
      const appender = await this.connection.createAppender(table, 'main', catalog);
      try {
        for (const row of rows) {
          for (const v of row) {
            if (v === null) appender.appendNull();
            else appender.appendVarchar(v);
          }
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    } catch (err) {
      throw new EngineError('ENGINE_SQL', `DuckDB: ${errorText(err)}`, { cause: err });
    }
  }

  /** First column of the first row, or undefined. */
  async scalar(sql: string, params?: Params): Promise<unknown> {
    const rows = await this.all(sql, params);
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  /** Closes the connection and (unless it is a fork) the database. Safe to call twice. */
  close(): void {
    try { this.connection.closeSync(); } catch { /* already closed */ }
    if (!this.ownsInstance) return;
    try { this.instance.closeSync(); } catch { /* already closed */ }
  }
}

/** Quotes an identifier for DuckDB ("a""b"), so any column name from user data is safe in SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal for the few places DuckDB does not take parameters (e.g. file paths in COPY/read_csv). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type { DuckDBValue };
