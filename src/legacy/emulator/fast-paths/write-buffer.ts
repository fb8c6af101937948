import { quoteIdent, type EngineSession } from '../../../engine';
import type { TableInfo } from '../state';
import { internalError } from '../engine-errors';

/*
 * Table writes kept in JavaScript and sent to DuckDB in one batch (buffered-dml.ts decides which
 * statements qualify). A cursor loop that deletes and re-inserts one row per entity costs two
 * DuckDB round trips per entity (~0.5 ms each); buffered, the whole loop costs one multi-row
 * INSERT. The buffer is flushed before anything else reaches DuckDB: every call of the state's
 * session (flushingSession below) and every runSql flush it first, so no query, transaction
 * command or export can see the table without the buffered rows. Only writes already proven not
 * to fail are buffered, so a flush cannot raise an error the legacy code should have seen at
 * its own statement; if DuckDB still refuses one, that is an internal error, never a T-SQL error
 * a CATCH block could take.
 */

/** What DuckDB knows of a column beyond TableInfo: NOT NULL and whether it has a DEFAULT. */
export interface ColumnMeta {
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

/** One row as DuckDB text per column of TableInfo.columns (null for NULL). */
type RowText = readonly (string | null)[];

/** A row a buffered DELETE may remove: one DuckDB holds (with its row id) or one buffered. */
interface Row {
  /** DuckDB's rowid; undefined for a buffered row. */
  readonly rid: string | undefined;
  /** DuckDB text per column; for a row DuckDB holds, only its integer columns (others undefined). */
  readonly values: readonly (string | null | undefined)[];
  deleted: boolean;
}

interface Pending {
  readonly info: TableInfo;
  readonly appended: Row[];
  /** The rows DuckDB holds, read once at the first buffered DELETE since the last flush. */
  persisted: Row[] | undefined;
  readonly deletedRids: string[];
  /** Rows by the text of one column, per column a DELETE compared (a loop deletes by key). */
  readonly index: Map<number, Map<string, Row[]>>;
  /** Per unique key of the table (key-constraints.ts): how many live rows hold each key value. */
  keyCounts: { readonly columns: readonly number[]; readonly counts: Map<string, number> }[] | undefined;
}

/** A row's value of a key (integer texts; NULL is one value, as SQL Server's UNIQUE has it). */
function keyText(values: readonly (string | null | undefined)[], columns: readonly number[]): string {
  // One column (the usual key): its text itself, without an array and a join per row.
  if (columns.length === 1) return values[columns[0] as number] ?? '\u0000';
  return columns.map((i) => values[i] ?? '\u0000').join('\u0001');
}

function countKeys(p: Pending, row: Row, by: number): void {
  for (const k of p.keyCounts ?? []) {
    const t = keyText(row.values, k.columns);
    k.counts.set(t, (k.counts.get(t) ?? 0) + by);
  }
}

/** Whether `rows` keep every unique key of `p`'s table unique over its mirrored and buffered rows. */
function keysFreeIn(p: Pending, rows: readonly RowText[], keys: readonly (readonly number[])[]): boolean {
  if (p.keyCounts === undefined) {
    p.keyCounts = keys.map((columns) => ({ columns, counts: new Map<string, number>() }));
    for (const r of p.persisted ?? []) if (!r.deleted) countKeys(p, r, 1);
    for (const r of p.appended) if (!r.deleted) countKeys(p, r, 1);
  }
  for (const k of p.keyCounts) {
    if (rows.length === 1) {
      // One row (a loop's INSERT … VALUES): no set of the statement's own keys to build.
      if ((k.counts.get(keyText(rows[0] as RowText, k.columns)) ?? 0) > 0) return false;
      continue;
    }
    const added = new Set<string>();
    for (const values of rows) {
      const t = keyText(values, k.columns);
      if ((k.counts.get(t) ?? 0) > 0 || added.has(t)) return false;
      added.add(t);
    }
  }
  return true;
}

/** An equality `column = value` of a buffered DELETE: the column's index and integer text (null matches nothing). */
export interface KeyCondition {
  readonly index: number;
  readonly value: string | null;
}

const INTEGER_DUCK = new Set(['TINYINT', 'UTINYINT', 'SMALLINT', 'INTEGER', 'BIGINT']);
/** Rows read into JavaScript for DELETEs may not exceed this plus ROWS_PER_STATEMENT per buffered statement. */
const MIRROR_ALLOWANCE = 10_000;
const ROWS_PER_STATEMENT = 64;
const INSERT_CHUNK_VALUES = 4_000;
/** From this many rows a flush goes through DuckDB's appender (its staging table costs ~1 ms). */
const APPENDER_ROWS = 64;
/** The staging table of appendRows, in DuckDB's temp catalog (no T-SQL name maps there). */
const STAGE_TABLE = '__migrate_write_buffer_stage';

function addTo(byValue: Map<string, Row[]>, value: string | null | undefined, row: Row): void {
  if (value === null || value === undefined) return; // NULL never equals a key
  const list = byValue.get(value);
  if (list === undefined) byValue.set(value, [row]);
  else list.push(row);
}

/** The write buffer of one emulator state. */
export class WriteBuffer {
  private readonly pending = new Map<TableInfo, Pending>();
  private readonly meta = new WeakMap<TableInfo, readonly ColumnMeta[]>();
  /** Per table: statements buffered and rows read into JavaScript so far (bounds the cost of mirroring). */
  private readonly cost = new WeakMap<TableInfo, { statements: number; mirrored: number }>();

  constructor(private readonly session: EngineSession) {}

  /** True when nothing waits to be written. */
  get empty(): boolean {
    return this.pending.size === 0;
  }

  /** NOT NULL and DEFAULT of each column of `info`, read from DuckDB's catalog once per table. */
  async columns(info: TableInfo): Promise<readonly ColumnMeta[]> {
    const known = this.meta.get(info);
    if (known !== undefined) return known;
    const rows = await this.session.all(`SELECT name, "notnull" AS nn, dflt_value AS d FROM pragma_table_info('${info.sqlName.replace(/'/g, "''")}')`);
    const byName = new Map(rows.map((r) => [String(r.name).toLowerCase(), r]));
    const meta = info.columns.map((c) => {
      const r = byName.get(c.name.toLowerCase());
      // A column DuckDB does not list is treated as NOT NULL with a default: never buffered.
      return r === undefined ? { notNull: true, hasDefault: true } : { notNull: r.nn === true, hasDefault: r.d !== null && r.d !== undefined };
    });
    this.meta.set(info, meta);
    return meta;
  }

  /**
   * Runs a query that reads no table (a constant's conversion) without flushing, and returns the
   * text of its first column; a DuckDB error propagates to the caller.
   */
  async evaluate(sql: string, params: readonly unknown[]): Promise<string | null> {
    const v = await this.session.scalar(sql, params.length > 0 ? params : undefined);
    return v === null || v === undefined ? null : String(v);
  }

  /** Appends rows (DuckDB text per column of `info.columns`) to `info`. */
  append(info: TableInfo, rows: readonly RowText[]): void {
    const p = this.entry(info);
    for (const values of rows) {
      const row: Row = { rid: undefined, values, deleted: false };
      p.appended.push(row);
      for (const [i, byValue] of p.index) addTo(byValue, row.values[i], row);
      countKeys(p, row, 1);
    }
    this.charge(info).statements++;
  }

  /**
   * Whether appending `rows` keeps every unique key of `info` unique (`keys`: the key columns as
   * indexes into info.columns, all integer columns), judged on the rows DuckDB holds and those
   * buffered. False (the caller runs the INSERT in DuckDB, whose key index raises 2627 at that
   * statement) on a repeated key, or when the table is too large to mirror.
   */
  async keysFree(info: TableInfo, rows: readonly RowText[], keys: readonly (readonly number[])[]): Promise<boolean> {
    const p = await this.mirrored(info);
    return p !== undefined && keysFreeIn(p, rows, keys);
  }

  /** keysFree without awaiting: undefined when the rows DuckDB holds are not mirrored yet. */
  keysFreeNow(info: TableInfo, rows: readonly RowText[], keys: readonly (readonly number[])[]): boolean | undefined {
    const p = this.pending.get(info);
    return p?.persisted === undefined ? undefined : keysFreeIn(p, rows, keys);
  }

  /**
   * Deletes the rows of `info` (in DuckDB and buffered) where every condition holds; returns how
   * many, or undefined (nothing changed) when reading the table into JavaScript would cost more
   * than the statements buffered into it so far have saved: the caller then runs the DELETE in
   * DuckDB.
   */
  async deleteWhere(info: TableInfo, conditions: readonly KeyCondition[]): Promise<number | undefined> {
    const entry = await this.mirrored(info);
    return entry === undefined ? undefined : this.deleteIn(entry, conditions);
  }

  /** deleteWhere without awaiting: undefined (nothing changed) when the table is not mirrored yet. */
  deleteWhereNow(info: TableInfo, conditions: readonly KeyCondition[]): number | undefined {
    const entry = this.pending.get(info);
    return entry?.persisted === undefined ? undefined : this.deleteIn(entry, conditions);
  }

  private deleteIn(entry: Pending, conditions: readonly KeyCondition[]): number | undefined {
    const persisted = entry.persisted;
    if (persisted === undefined) return undefined;
    this.charge(entry.info).statements++;
    const first = conditions[0];
    if (first === undefined) return undefined; // the caller never asks without a condition
    if (conditions.some((c) => c.value === null)) return 0; // `column = NULL` is unknown for every row
    let byValue = entry.index.get(first.index);
    if (byValue === undefined) {
      byValue = new Map();
      for (const r of persisted) if (!r.deleted) addTo(byValue, r.values[first.index], r);
      for (const r of entry.appended) if (!r.deleted) addTo(byValue, r.values[first.index], r);
      entry.index.set(first.index, byValue);
    }
    const candidates = byValue.get(first.value as string);
    if (candidates === undefined) return 0;
    let n = 0;
    for (const r of candidates) {
      if (r.deleted || !conditions.every((c) => r.values[c.index] === c.value)) continue;
      r.deleted = true;
      countKeys(entry, r, -1);
      if (r.rid !== undefined) entry.deletedRids.push(r.rid);
      n++;
    }
    if (n > 0) byValue.set(first.value as string, candidates.filter((r) => !r.deleted));
    return n;
  }

  /** Writes everything buffered to DuckDB: deleted rows by row id, then the new rows in order. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const all = [...this.pending.values()];
    this.pending.clear();
    try {
      for (const p of all) {
        for (let i = 0; i < p.deletedRids.length; i += 1000) {
          await this.session.run(`DELETE FROM ${p.info.sqlName} WHERE rowid IN (${p.deletedRids.slice(i, i + 1000).join(', ')})`);
        }
        const rows = p.appended.filter((r) => !r.deleted) as { values: RowText }[];
        if (rows.length >= APPENDER_ROWS) await this.appendRows(p.info, rows);
        else await this.insertRows(p.info, rows);
      }
    } catch (err) {
      throw internalError(err, undefined);
    }
  }

  /** Writes `rows` with one INSERT … VALUES per chunk, each value a parameter cast to its column's type. */
  private async insertRows(info: TableInfo, rows: readonly { values: RowText }[]): Promise<void> {
    const columns = info.columns;
    const perChunk = Math.max(1, Math.floor(INSERT_CHUNK_VALUES / Math.max(1, columns.length)));
    const names = columns.map((c) => quoteIdent(c.name)).join(', ');
    for (let i = 0; i < rows.length; i += perChunk) {
      const chunk = rows.slice(i, i + perChunk);
      const params: (string | null)[] = [];
      const tuples = chunk.map((r) => `(${columns.map((c, k) => {
        params.push(r.values[k] ?? null);
        return `CAST($${params.length} AS ${c.duckType})`;
      }).join(', ')})`);
      await this.session.run(`INSERT INTO ${info.sqlName} (${names}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  /**
   * Writes `rows` through DuckDB's appender into a VARCHAR staging table, then into `info` with
   * the same CAST per column as insertRows (a VARCHAR parameter and a VARCHAR column convert
   * alike), in the same order. Parsing and binding an INSERT with thousands of parameters cost
   * ~0.15 ms per row; this costs about a tenth of that.
   */
  private async appendRows(info: TableInfo, rows: readonly { values: RowText }[]): Promise<void> {
    const columns = info.columns;
    const stage = quoteIdent(STAGE_TABLE);
    await this.session.run(`CREATE OR REPLACE TEMP TABLE ${stage} (${columns.map((_, k) => `c${k} VARCHAR`).join(', ')})`);
    try {
      await this.session.appendText(STAGE_TABLE, 'temp', rows.map((r) => columns.map((_, k) => r.values[k] ?? null)));
      const names = columns.map((c) => quoteIdent(c.name)).join(', ');
      const casts = columns.map((c, k) => `CAST(c${k} AS ${c.duckType})`).join(', ');
      await this.session.run(`INSERT INTO ${info.sqlName} (${names}) SELECT ${casts} FROM temp.main.${stage}`);
    } finally {
      await this.session.run(`DROP TABLE IF EXISTS temp.main.${stage}`);
    }
  }

  /** Forgets what was buffered for a table that no longer exists (dropped with its procedure). */
  discard(info: TableInfo): void {
    this.pending.delete(info);
  }

  /** The buffer entry of `info` with the rows DuckDB holds mirrored, or undefined past the allowance. */
  private async mirrored(info: TableInfo): Promise<Pending | undefined> {
    const known = this.pending.get(info);
    if (known?.persisted !== undefined) return known;
    const persisted = await this.mirror(info);
    if (persisted === undefined) return undefined;
    const p = known ?? this.entry(info);
    p.persisted = persisted;
    return p;
  }

  private entry(info: TableInfo): Pending {
    let p = this.pending.get(info);
    if (p === undefined) {
      p = { info, appended: [], persisted: undefined, deletedRids: [], index: new Map(), keyCounts: undefined };
      this.pending.set(info, p);
    }
    return p;
  }

  private charge(info: TableInfo): { statements: number; mirrored: number } {
    let c = this.cost.get(info);
    if (c === undefined) {
      c = { statements: 0, mirrored: 0 };
      this.cost.set(info, c);
    }
    return c;
  }

  /** The row ids and integer columns of `info` as DuckDB holds them, or undefined past the allowance. */
  private async mirror(info: TableInfo): Promise<Row[] | undefined> {
    const c = this.charge(info);
    const allowed = MIRROR_ALLOWANCE + ROWS_PER_STATEMENT * c.statements - c.mirrored;
    if (allowed <= 0) return undefined;
    const ints = info.columns.map((col, i) => ({ col, i })).filter(({ col }) => INTEGER_DUCK.has(col.duckType.toUpperCase()));
    const select = ints.map(({ col, i }) => `CAST(${quoteIdent(col.name)} AS VARCHAR) AS ${quoteIdent(`c${i}`)}`);
    let rows;
    try {
      rows = await this.session.all(`SELECT rowid AS __rid${select.map((s) => `, ${s}`).join('')} FROM ${info.sqlName} LIMIT ${allowed + 1}`);
    } catch (err) {
      throw internalError(err, undefined);
    }
    c.mirrored += rows.length;
    if (rows.length > allowed) return undefined;
    return rows.map((r) => {
      const values: (string | null | undefined)[] = new Array(info.columns.length).fill(undefined);
      for (const { i } of ints) {
        const v = r[`c${i}`];
        values[i] = v === null || v === undefined ? null : String(v);
      }
      return { rid: String(r.__rid), values, deleted: false };
    });
  }
}

/**
 * The session the interpreter uses: the same EngineSession, except that every query or command
 * (run, all, allExact, describe, scalar, fork) first flushes `buffer`, so DuckDB always holds
 * every write the legacy code made before that statement.
 */
export function flushingSession(session: EngineSession, buffer: WriteBuffer): EngineSession {
  const flushing = new Set<PropertyKey>(['run', 'all', 'allExact', 'describe', 'scalar', 'fork']);
  // A state built without a session (unit tests of bookkeeping) has nothing to flush to.
  if (typeof session !== 'object' || session === null) return session;
  return new Proxy(session, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      const fn = v as (...args: unknown[]) => unknown;
      if (!flushing.has(prop)) return fn.bind(target);
      return async (...args: unknown[]): Promise<unknown> => {
        if (!buffer.empty) await buffer.flush();
        return fn.apply(target, args);
      };
    },
  });
}
