import { isTempName, normalizeObjectName, walk, type AlterTable, type Expression, type ParsedScript, type TableConstraint } from '../tsql';
import { isRefusal } from './draft-model';
import { DraftScope, locatedStop, type DraftContext, type TableState } from './draft-scope';
import { checkableRows, withRowStops } from './write-stops';
import { forEachTableDefinition } from './ddl-types';
import { translateExpression } from './translate-expression';

/*
 * CHECK constraints of the tables a section writes (`CONSTRAINT CK_Batch_Status CHECK (Status IN
 * ('OPEN', 'POSTED'))`). SQL Server fails a statement that would leave a row breaking one (547)
 * and changes no row; what the procedure does then (@@ERROR, a CATCH, a ROLLBACK) depends on code
 * the draft does not model. A draft that wrote the row anyway would give a value the legacy table
 * can never hold, and pass every scenario that does not meet the case. So after each write the
 * draft checks the table's rows against its CHECK constraints, translated like any expression
 * over them, and stops, located at the statement and the constraint, when one is false (NULL
 * passes, as in SQL Server). Rows the write left alone are checked too: rows given that already
 * break a constraint (added WITH NOCHECK) stop the draft rather than hide a broken write.
 */

/** A CHECK constraint of a permanent table, with the script that declares it. */
export interface DdlCheck {
  /** Its name as written, or undefined when SQL Server generates one. */
  readonly name: string | undefined;
  readonly expression: Expression;
  /** The script that declares it, relative to the workspace, and where in it. */
  readonly file: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** Table key (`ledger.journal batch`) -> its CHECK constraints, in declaration order. */
export type DdlChecks = ReadonlyMap<string, readonly DdlCheck[]>;

/**
 * The CHECK constraints of every permanent table: those its CREATE TABLE declares (column and
 * table level), then, in the scripts' order, those an ALTER TABLE … ADD adds (an upgrade script
 * adding one to a table another file creates), less those it drops or disables (`NOCHECK
 * CONSTRAINT name | ALL`: SQL Server no longer checks them on a write; `CHECK CONSTRAINT`
 * enables them again).
 */
export function collectCheckConstraints(scripts: readonly ParsedScript[], defaultSchema = 'dbo', fileName: (file: string) => string = (f) => f): DdlChecks {
  const out = new Map<string, DdlCheck[]>();
  const disabled = new Map<string, DdlCheck[]>();
  const checksOf = (constraints: readonly TableConstraint[], script: ParsedScript): DdlCheck[] => constraints.flatMap((c) => (c.type === 'CHECK' && c.expression !== undefined
    ? [{ name: c.name?.name, expression: c.expression, file: fileName(script.file), text: script.lineIndex.text, line: c.span.start.line, column: c.span.start.column }]
    : []));
  const alters: { key: string; n: AlterTable; script: ParsedScript }[] = [];
  forEachTableDefinition(scripts, defaultSchema, (key, n, script) => {
    const checks = checksOf([...n.definition.columns.flatMap((c) => c.constraints), ...n.definition.constraints], script);
    if (checks.length > 0) out.set(key, checks);
  }, (n, script) => {
    if (!isTempName(n.name)) alters.push({ key: normalizeObjectName(n.name, defaultSchema), n, script });
  });
  // after every CREATE TABLE: an upgrade script may come before the file that creates its table
  for (const { key, n, script } of alters) {
    const now = out.get(key) ?? [];
    const named = (names: readonly string[]) => (k: DdlCheck): boolean => names.includes('*') || (k.name !== undefined && names.includes(k.name.toLowerCase()));
    if (n.action === 'ADD') {
      const added = checksOf([...n.columns.flatMap((c) => c.constraints), ...n.constraints], script);
      if (added.length > 0) out.set(key, [...now, ...added]);
    } else if (n.action === 'DROP') {
      const names = n.dropped.map((d) => d.name.toLowerCase());
      out.set(key, now.filter((k) => !named(names)(k)));
    } else {
      const toggle = /^\s*(NOCHECK|CHECK)\s+CONSTRAINT\s+([\s\S]*?)\s*;?\s*$/i.exec(n.text);
      if (toggle === null) continue;
      const names = toggle[2] === undefined || /^ALL$/i.test(toggle[2]) ? ['*'] : toggle[2].split(',').map((x) => x.trim().replace(/^\[|\]$/g, '').toLowerCase());
      if (toggle[1]?.toUpperCase() === 'NOCHECK') {
        disabled.set(key, [...(disabled.get(key) ?? []), ...now.filter(named(names))]);
        out.set(key, now.filter((k) => !named(names)(k)));
      } else {
        const back = (disabled.get(key) ?? []).filter(named(names));
        disabled.set(key, (disabled.get(key) ?? []).filter((k) => !back.includes(k)));
        out.set(key, [...now, ...back]);
      }
    }
  }
  for (const [key, checks] of [...out]) if (checks.length === 0) out.delete(key);
  return out;
}

/**
 * `state` (the rows of table `key` after a write) with a stop at the first row breaking one of
 * its CHECK constraints, or `state` itself when it has none, holds no rows or is refused. A
 * constraint naming a column the draft does not carry is left to a note: the section neither
 * reads nor writes that column. One the draft cannot translate refuses the table.
 */
export function withCheckedRows(ctx: DraftContext, key: string, state: TableState): TableState {
  const checks = ctx.checks?.get(key.toLowerCase());
  if (checks === undefined || !checkableRows(state)) return state;
  const alias = 'checked_row';
  const conditions: string[] = [];
  const at = ctx.statement?.span;
  for (const k of checks) {
    const label = k.name === undefined ? 'a CHECK constraint' : `the CHECK constraint ${k.name}`;
    const missing = columnsNamed(k.expression).find((c) => !state.columns.some((s) => s.name.toLowerCase() === c.toLowerCase()));
    if (missing !== undefined) {
      const note = `${k.file}:${k.line}:${k.column}: ${label} of ${state.displayName} reads [${missing}], which the section does not carry: rows it writes are not checked against it`;
      if (!ctx.notes.includes(note)) ctx.notes.push(note);
      continue;
    }
    const inDdl: DraftContext = { ...ctx, file: k.file, text: k.text };
    const v = translateExpression(k.expression, new DraftScope(inDdl, [{ alias, tableKey: key, aliased: true, sqlAlias: alias, columns: state.columns }]));
    ctx.nameCounter = inDdl.nameCounter;
    if (isRefusal(v)) return { ...state, refused: { ...v, construct: `${label} of ${state.displayName} (${v.construct})` } };
    const where = `${k.file}:${k.line}:${k.column}`;
    const what = `a row of ${state.displayName} breaks ${label} (${where}): SQL Server fails the statement with 547 and changes no row; what the procedure does next (@@ERROR, CATCH, ROLLBACK) is not drafted, write it by hand`;
    const stop = (at === undefined ? `${where}: ${what}` : locatedStop(ctx, at, what)).replace(/'/g, "''");
    conditions.push(`WHEN (${v.sql}) IS FALSE THEN error('${stop}')`);
  }
  return withRowStops(ctx, key, state, alias, conditions);
}

/** The column names an expression reads (the last part of each reference). */
function columnsNamed(e: Expression): string[] {
  const out: string[] = [];
  walk(e, (n) => {
    if (n.kind === 'ColumnRef') {
      const last = n.parts[n.parts.length - 1];
      if (last !== undefined) out.push(last.name);
    }
    return undefined;
  });
  return out;
}
