import { isTempName, normalizeObjectName, walk, type ParsedScript, type TableConstraint, type TableDefinition } from '../tsql';
import { locatedStop, refuseAt, type DraftContext, type TableState } from './draft-scope';
import { checkableRows, withRowStops } from './write-stops';
import { forEachTableDefinition } from './ddl-types';
import { collationKey, equatedTextStop, quoteName, stringLiteral } from './sql-text';

/*
 * PRIMARY KEY and UNIQUE constraints (and unique indexes) of the tables a section writes. SQL
 * Server fails a statement that would leave two rows with one key (2627, 2601) and changes no
 * row; what the procedure does then (@@ERROR, a CATCH) is code the draft does not model. A draft
 * that wrote both rows anyway would hand on a table the legacy one can never be, and pass every
 * scenario that does not meet the case. So after each write the draft stops, located at the
 * statement and the constraint, where the table's rows repeat a key, compared as SQL Server
 * compares them: text by the default collation (case and trailing blanks ignored), NULL equal
 * to NULL (a UNIQUE column holds one NULL at most).
 */

/** A PRIMARY KEY or UNIQUE constraint, or a unique index, with the script that declares it. */
export interface DdlKey {
  /** Its name as written, or undefined when SQL Server generates one. */
  readonly name: string | undefined;
  readonly kind: 'PRIMARY KEY' | 'UNIQUE' | 'UNIQUE INDEX';
  readonly columns: readonly string[];
  /** `WITH (IGNORE_DUP_KEY = ON)`: SQL Server drops a duplicate with a warning instead of failing. */
  readonly ignoreDupKey: boolean;
  /** A filtered unique index (`WHERE …`): only the rows it selects are unique. */
  readonly filtered: boolean;
  /** The script that declares it, relative to the workspace, and where in it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Table key (`ledger.journal batch`, `#stay`) -> its keys, in declaration order. */
export type DdlKeys = ReadonlyMap<string, readonly DdlKey[]>;

const IGNORE_DUP_KEY = /IGNORE_DUP_KEY\s*=\s*ON/i;

/** The keys a table definition declares (column and table level). */
export function keysOfDefinition(def: Pick<TableDefinition, 'columns' | 'constraints'>, file: string): DdlKey[] {
  const inline = def.columns.flatMap((c) => c.constraints.filter((k) => k.type === 'PRIMARY KEY' || k.type === 'UNIQUE').map((k) => keyOf(k, [c.name.name], file)));
  const table = def.constraints.filter((k) => k.type === 'PRIMARY KEY' || k.type === 'UNIQUE').map((k) => keyOf(k, k.columns.map((c) => c.name), file));
  // `INDEX ix UNIQUE (…) [WHERE …]` written in the definition (SQL Server 2016+)
  const indexes = def.constraints.filter((k) => k.type === 'INDEX' && k.unique === true)
    .map((k): DdlKey => ({ ...keyOf(k, k.columns.map((c) => c.name), file), kind: 'UNIQUE INDEX', filtered: k.filtered === true }));
  return [...inline, ...table, ...indexes];
}

function keyOf(k: TableConstraint, columns: readonly string[], file: string): DdlKey {
  // the constraint's own WITH (…) is not kept by the parser apart from the statement's: the
  // statement's options and the whole CREATE's text are searched by the callers
  return { name: k.name?.name, kind: k.type === 'PRIMARY KEY' ? 'PRIMARY KEY' : 'UNIQUE', columns, ignoreDupKey: k.ignoreDupKey === true, filtered: false, file, line: k.span.start.line, column: k.span.start.column };
}

/**
 * The keys of every permanent table: those its CREATE TABLE declares, then, in the scripts'
 * order, those an ALTER TABLE … ADD adds and CREATE UNIQUE INDEX makes, less those an ALTER
 * TABLE … DROP CONSTRAINT or DROP INDEX removes (an upgrade script may come before the file
 * that creates its table, so these apply after every CREATE TABLE).
 */
export function collectKeyConstraints(scripts: readonly ParsedScript[], defaultSchema = 'dbo', fileName: (file: string) => string = (f) => f): DdlKeys {
  const out = new Map<string, DdlKey[]>();
  const later: (() => void)[] = [];
  forEachTableDefinition(scripts, defaultSchema, (key, n, script) => {
    const keys = keysOfDefinition(n.definition, fileName(script.file));
    if (keys.length > 0) out.set(key, keys);
  }, (n, script) => {
    if (isTempName(n.name)) return;
    const key = normalizeObjectName(n.name, defaultSchema);
    later.push(() => {
      const now = out.get(key) ?? [];
      if (n.action === 'ADD') {
        const added = keysOfDefinition({ columns: n.columns, constraints: n.constraints }, fileName(script.file));
        if (added.length > 0) out.set(key, [...now, ...added]);
      } else if (n.action === 'DROP') {
        const names = new Set(n.dropped.map((d) => d.name.toLowerCase()));
        out.set(key, now.filter((k) => k.name === undefined || !names.has(k.name.toLowerCase())));
      }
    });
  });
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          if (n.kind === 'CreateIndex' && n.unique && !isTempName(n.table)) {
            const key = normalizeObjectName(n.table, defaultSchema);
            const index: DdlKey = {
              name: n.name.name, kind: 'UNIQUE INDEX', columns: n.columns.flatMap((c) => (c.expression.kind === 'ColumnRef' ? [c.expression.parts[c.expression.parts.length - 1]?.name ?? ''] : [])),
              ignoreDupKey: n.options !== undefined && IGNORE_DUP_KEY.test(n.options), filtered: n.where !== undefined,
              file: fileName(script.file), line: n.span.start.line, column: n.span.start.column,
            };
            later.push(() => out.set(key, [...(out.get(key) ?? []), index]));
          }
          if (n.kind === 'Drop' && n.objectType.toUpperCase() === 'INDEX' && n.on !== undefined) {
            const key = normalizeObjectName(n.on, defaultSchema);
            const names = new Set(n.names.map((x) => (x.parts[x.parts.length - 1]?.name ?? '').toLowerCase()));
            later.push(() => out.set(key, (out.get(key) ?? []).filter((k) => k.kind !== 'UNIQUE INDEX' || !names.has((k.name ?? '').toLowerCase()))));
          }
          return undefined;
        });
      }
    }
  }
  for (const f of later) f();
  for (const [key, keys] of [...out]) if (keys.length === 0) out.delete(key);
  return out;
}

/**
 * `state` (the rows of table `key` after a write) with a stop where two rows share a key of the
 * table, or `state` itself when it has none, holds no rows or is refused. A key over a column the
 * draft does not carry is left to a note (the section neither reads nor writes it); one the draft
 * cannot compare as SQL Server does (IGNORE_DUP_KEY, a filtered index, a column of another
 * collation) refuses the table.
 */
export function withUniqueKeys(ctx: DraftContext, key: string, state: TableState): TableState {
  const keys = ctx.keys?.get(key.toLowerCase());
  if (keys === undefined || !checkableRows(state)) return state;
  const at = ctx.statement?.span;
  const alias = 'keyed_row';
  // the duplicates are counted once over the table (an uncorrelated EXISTS, not a window), and each row passes or stops
  const stops: string[] = [];
  for (const k of keys) {
    const label = `${k.kind === 'UNIQUE INDEX' ? 'the unique index' : `the ${k.kind} constraint`}${k.name === undefined ? '' : ` ${k.name}`} (${k.file}:${k.line}:${k.column})`;
    const columns = k.columns.map((c) => state.columns.find((s) => s.name.toLowerCase() === c.toLowerCase()));
    const missing = k.columns.find((_, i) => columns[i] === undefined);
    if (missing !== undefined) {
      const note = `${label} of ${state.displayName} holds [${missing}], which the section does not carry: rows it writes are not checked against it`;
      if (!ctx.notes.includes(note)) ctx.notes.push(note);
      continue;
    }
    const where = at ?? { start: { line: k.line, column: k.column, offset: 0 }, end: { line: k.line, column: k.column, offset: 0 } };
    const refuse = (why: string): TableState => ({ ...state, refused: refuseAt(ctx, where, `${label} of ${state.displayName}`, why) });
    if (k.ignoreDupKey) return refuse('IGNORE_DUP_KEY = ON: SQL Server drops a row repeating a key with a warning instead of failing, which row it keeps is not drafted');
    if (k.filtered) return refuse('a filtered unique index: only the rows its WHERE selects must be unique, which the draft does not check');
    const collated = columns.find((c) => c?.type.family === 'string' && c.type.collation !== undefined);
    if (collated !== undefined) return refuse(`its column ${collated.name} compares text by its own collation, which the draft does not reproduce`);
    const equated = at === undefined ? `${k.file}:${k.line}:${k.column}: ${equatedTextStop(label)}` : locatedStop(ctx, at, equatedTextStop(label));
    const partition = columns.map((c) => {
      const v = `${alias}.${quoteName((c as { name: string }).name)}`;
      return c?.type.family === 'string' ? collationKey(v, equated) : v;
    });
    const code = k.kind === 'UNIQUE INDEX' ? 2601 : 2627;
    const what = `two rows of ${state.displayName} have the same ${k.columns.join(', ')}, which ${label} keeps unique: SQL Server fails the statement with ${code} and changes no row; what the procedure does next (@@ERROR, CATCH, ROLLBACK) is not drafted, write it by hand`;
    const stop = at === undefined ? `${k.file}:${k.line}:${k.column}: ${what}` : locatedStop(ctx, at, what);
    stops.push(`WHEN EXISTS (SELECT 1 FROM ${state.relation} ${alias} GROUP BY ${partition.join(', ')} HAVING count(*) > 1) THEN error(${stringLiteral(stop)})`);
  }
  return withRowStops(ctx, key, state, alias, stops);
}
