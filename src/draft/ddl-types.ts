import { comparesAsDefault, forEachStatement, isTempName, normalizeObjectName, walk, type AlterTable, type ColumnDefinition, type CreateTable, type Expression, type ParsedScript, type TableConstraint } from '../tsql';
import { tableChangesOf, tableNameAfter, type TableChange } from '../sections';
import { sqlTypeOfDataType, type SqlType } from './sql-types';

/*
 * The T-SQL types of the workspace's tables as their CREATE TABLE scripts declare them. The
 * spec's column types say how values are stored (text, int); the translation needs SQL
 * Server's (varchar(30), smallint, decimal(5,2)) to reproduce lengths and arithmetic.
 */

/** A declared column: its name as written, its type and its DEFAULT, when it has one. */
export interface DdlColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly default?: Expression;
  /** An IDENTITY column: an INSERT that omits it draws the table's next identity values. */
  readonly identity?: IdentitySpec;
}

/** `IDENTITY(seed, increment)` of a column (1, 1 when written without arguments). */
export interface IdentitySpec {
  readonly seed: bigint;
  readonly increment: bigint;
}

/**
 * The IDENTITY of a column definition, its seed and increment read from the column's text in
 * `text` (the script it was parsed from: the syntax tree keeps only that the column has one).
 */
export function identitySpecOf(c: ColumnDefinition): IdentitySpec | undefined {
  if (!c.identity) return undefined;
  return c.identityArgs === undefined ? { seed: 1n, increment: 1n } : { seed: BigInt(c.identityArgs.seed), increment: BigInt(c.identityArgs.increment) };
}

/** A text column's type with its COLLATE clause when that compares otherwise than the default (translate-expression.ts refuses reading it). */
function collated(type: SqlType, collation: string | undefined): SqlType {
  return type.family === 'string' && collation !== undefined && !comparesAsDefault(collation) ? { ...type, collation } : type;
}

/** Table key (`dbo.device`) -> column name (lower case) -> declared column, in declaration order. */
export type DdlTypes = ReadonlyMap<string, ReadonlyMap<string, DdlColumn>>;

/**
 * Collects the declared columns of every permanent CREATE TABLE in the scripts, with their
 * DEFAULTs: written on the column or added by `ALTER TABLE … ADD CONSTRAINT DF DEFAULT (x) FOR c`
 * in any script (SSDT projects and upgrade scripts write them so).
 */
export function collectDdlTypes(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): DdlTypes {
  const out = new Map<string, Map<string, DdlColumn>>();
  const alters: AlterTable[] = [];
  forEachTableDefinition(scripts, defaultSchema, (key, n) => {
    const cols = new Map<string, DdlColumn>();
    for (const c of n.definition.columns) {
      const identity = identitySpecOf(c);
      if (c.dataType) cols.set(c.name.name.toLowerCase(), { name: c.name.name, type: collated(sqlTypeOfDataType(c.dataType), c.collation), ...(c.default ? { default: c.default } : {}), ...(identity ? { identity } : {}) });
    }
    for (const k of n.definition.constraints) addDefault(cols, k);
    out.set(key, cols);
  }, (a) => alters.push(a));
  // the columns later scripts add, drop, retype or rename (a migrations folder's V002, V003), as
  // the sections' catalog and the emulator see the table
  for (const [key, changes] of tableChangesOf(scripts, defaultSchema)) {
    const cols = out.get(key);
    if (cols === undefined) continue;
    // a table a later script renames (sp_rename 'dbo.Old', 'New') is read by its new name
    const renamed = tableNameAfter(changes);
    if (renamed !== undefined) out.delete(key);
    out.set(renamed ?? key, withColumnChanges(cols, changes));
  }
  for (const a of alters) {
    const cols = out.get(normalizeObjectName(a.name, defaultSchema));
    if (cols && a.action === 'ADD') for (const k of a.constraints) addDefault(cols, k);
  }
  // A synonym is its target table wherever a statement names it (`INSERT INTO dbo.ArchivedOrders`
  // for `[$(ArchiveDb)].dbo.SalesOrderLineArchive`): its char(n) lengths, DEFAULTs and identity.
  for (const script of scripts) {
    forEachStatement(script, (st) => {
      if (st.kind !== 'CreateOther' || st.objectType.toUpperCase() !== 'SYNONYM' || st.target === undefined) return;
      const key = normalizeObjectName(st.name, defaultSchema);
      const target = out.get(normalizeObjectName(st.target, defaultSchema));
      if (target !== undefined && !out.has(key)) out.set(key, target);
    });
  }
  return out;
}

/** Declared columns after ALTER TABLE … ADD / DROP COLUMN / ALTER COLUMN and sp_rename, in order. */
function withColumnChanges(declared: Map<string, DdlColumn>, changes: readonly TableChange[]): Map<string, DdlColumn> {
  let cols = declared;
  for (const change of changes) {
    if (change.kind === 'rename-table') continue;
    if (change.kind === 'rename') {
      cols = new Map([...cols].map(([k, c]) => (k === change.from.toLowerCase() ? [change.to.toLowerCase(), { ...c, name: change.to }] : [k, c])));
      continue;
    }
    const s = change.statement;
    if (s.action === 'DROP') for (const d of s.dropped) cols.delete(d.name.toLowerCase());
    if (s.action !== 'ADD' && s.action !== 'ALTER COLUMN') continue;
    for (const c of s.columns) {
      const key = c.name.name.toLowerCase();
      const was = cols.get(key);
      if (c.dataType === undefined || (s.action === 'ALTER COLUMN' && was === undefined)) continue;
      const def = c.default ?? (s.action === 'ALTER COLUMN' ? was?.default : undefined);
      cols.set(key, { name: was?.name ?? c.name.name, type: sqlTypeOfDataType(c.dataType), ...(def ? { default: def } : {}) });
    }
  }
  return cols;
}

function addDefault(cols: Map<string, DdlColumn>, k: TableConstraint): void {
  const target = k.columns[0]?.name.toLowerCase();
  const col = target === undefined ? undefined : cols.get(target);
  if (k.type === 'DEFAULT' && k.expression && col && target !== undefined) cols.set(target, { ...col, default: k.expression });
}

/** A computed column of a table (`[Line Total] AS (Qty * [Unit Price])`): its name and definition. */
export interface DdlComputedColumn {
  readonly name: string;
  readonly expression: Expression;
  /** The script that defines it and its text: a refusal of the definition points there. */
  readonly file: string;
  readonly text: string;
}

/** Table key (`dbo.orderline`) -> its computed columns, in declaration order. */
export type DdlComputed = ReadonlyMap<string, readonly DdlComputedColumn[]>;

/**
 * The computed columns of every permanent CREATE TABLE in the scripts. SQL Server computes them
 * from the row's stored columns; a scenario or a data file gives only those, so the draft
 * computes them from their definitions instead of reading them as data.
 */
export function collectComputedColumns(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): DdlComputed {
  const out = new Map<string, DdlComputedColumn[]>();
  const created = new Set<string>();
  const alters: { readonly alter: AlterTable; readonly script: ParsedScript }[] = [];
  for (const script of scripts) {
    forEachTableDefinition([script], defaultSchema, (key, n) => {
      const computed = n.definition.columns.flatMap((c) => computedOf(c, script));
      created.add(key);
      if (computed.length > 0 && !out.has(key)) out.set(key, computed);
    }, (alter) => alters.push({ alter, script }));
  }
  // An upgrade script's `ALTER TABLE … ADD [Gross Qty Per] AS (…)` computes the column as a
  // CREATE TABLE's would: without it the draft read the column from the Given, which states only
  // stored columns, and gave NULL (mrp probe). A later DROP COLUMN takes it away again.
  for (const { alter, script } of alters) {
    const key = normalizeObjectName(alter.name, defaultSchema);
    if (!created.has(key)) continue;
    const list = out.get(key) ?? [];
    const dropped = new Set(alter.action === 'DROP' ? alter.dropped.map((d) => d.name.toLowerCase()) : []);
    const added = alter.action === 'ADD' ? alter.columns.flatMap((c) => computedOf(c, script)) : [];
    const next = [...list.filter((k) => !dropped.has(k.name.toLowerCase())), ...added];
    if (next.length > 0) out.set(key, next);
    else out.delete(key);
  }
  return out;
}

function computedOf(c: ColumnDefinition, script: ParsedScript): DdlComputedColumn[] {
  return c.computed ? [{ name: c.name.name, expression: c.computed, file: script.file, text: script.lineIndex.text }] : [];
}

/** Calls `create` with the first CREATE TABLE of each permanent table (by key), and `alter` with every ALTER TABLE, in the scripts' order. */
export function forEachTableDefinition(scripts: readonly ParsedScript[], defaultSchema: string, create: (key: string, n: CreateTable, script: ParsedScript) => void, alter?: (n: AlterTable, script: ParsedScript) => void): void {
  const seen = new Set<string>();
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          if (n.kind === 'AlterTable') alter?.(n, script);
          if (n.kind !== 'CreateTable' || isTempName(n.name)) return undefined;
          const key = normalizeObjectName(n.name, defaultSchema);
          if (seen.has(key)) return undefined;
          seen.add(key);
          create(key, n, script);
          return undefined;
        });
      }
    }
  }
}
