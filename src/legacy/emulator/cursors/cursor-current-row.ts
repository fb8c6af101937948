import type { DeclareCursor, Delete, Expression, Identifier, TableRef, TableSource, Update } from '../../../tsql';
import { SqlTranslator } from '../expressions';
import { resolveTable, tableKeyOf } from '../queries';
import type { EmulatorState } from '../state';

/*
 * `UPDATE … WHERE CURRENT OF c` and `DELETE … WHERE CURRENT OF c` change the row the cursor last
 * fetched. The emulator reads a cursor's rows as values, so it names that row by a unique key of
 * the cursor's one table, whose values the cursor's select list carries: the statement runs as
 * the same UPDATE or DELETE with `WHERE key = value of the fetched row`. Anything where that is
 * not certainly the same row (a join, a grouped or distinct query, no unique key in the select
 * list, a float or NULL key value) is refused where it is met, as is a cursor SQL Server makes
 * read only (STATIC, INSENSITIVE, FAST_FORWARD, READ_ONLY: errors 16957 and 16929).
 */

const READ_ONLY_OPTIONS = /^(STATIC|INSENSITIVE|FAST_FORWARD|READ_ONLY)$/i;

/**
 * What a cursor's declaration says about updating through it: the columns of its `FOR UPDATE OF`
 * list (empty: every column), or undefined when SQL Server makes it read only. A `FOR UPDATE` on
 * a read-only cursor does not compile in SQL Server, so it is refused at the DECLARE.
 */
export function updatableColumns(state: EmulatorState, d: DeclareCursor): readonly string[] | undefined {
  const readOnly = d.options.find((o) => READ_ONLY_OPTIONS.test(o));
  if (readOnly !== undefined && d.forUpdate) throw state.unsupported(d, `FOR UPDATE on a ${readOnly.toUpperCase()} cursor (SQL Server does not compile it: error 16957)`);
  if (readOnly !== undefined) return undefined;
  return d.updateColumns.map((c) => c.name.toLowerCase());
}

/**
 * The UPDATE or DELETE with its `WHERE CURRENT OF c` replaced by the condition naming the row
 * the cursor last fetched, by the values of a unique key of the cursor's table.
 */
export function atCurrentRow<T extends Update | Delete>(state: EmulatorState, stmt: T): T {
  const name = stmt.currentOf ?? '';
  const what = `${stmt.kind === 'Update' ? 'UPDATE' : 'DELETE'} … WHERE CURRENT OF ${name}`;
  const c = state.frame.cursors.get(name.toLowerCase());
  if (c === undefined) throw state.unsupported(stmt, `${what}: no cursor of that name is declared in this procedure`);
  if (c.updatable === undefined) throw state.unsupported(stmt, `${what}: the cursor is read only (SQL Server fails with 16929)`);
  const spec = c.query.body;
  if (c.query.ctes.length > 0 || spec.kind !== 'QuerySpec' || spec.from.length !== 1 || spec.distinct || spec.groupBy !== undefined || spec.having !== undefined || spec.top !== undefined) {
    throw state.unsupported(stmt, `${what}: the emulator updates through a cursor over one table or an inner join of tables only (no CTE, DISTINCT, GROUP BY or TOP)`);
  }
  const sources = innerJoinedTables(spec.from[0]);
  if (sources === undefined) {
    throw state.unsupported(stmt, `${what}: the emulator updates through a cursor over one table or an inner join of tables only (no outer join, APPLY, derived table or function)`);
  }
  if (stmt.target.kind !== 'TableRef' || stmt.from.length > 0) throw state.unsupported(stmt, `${what} with a FROM clause or a target that is not a table name`);
  const written = (parts: readonly Identifier[]): string => parts.map((p) => p.name).join('.');
  const targetKey = tableKeyOf(state, written(stmt.target.name.parts));
  const matching = sources.filter((t) => tableKeyOf(state, written(t.name.parts)) === targetKey);
  if (matching.length === 0) {
    throw state.unsupported(stmt, `${what}: the statement's table is not the table the cursor reads (SQL Server fails with 16931)`);
  }
  if (matching.length > 1) throw state.unsupported(stmt, `${what}: the cursor joins ${written(stmt.target.name.parts)} more than once, so which of its rows is meant is not certain`);
  if (stmt.kind === 'Update' && c.updatable.length > 0) {
    const outside = stmt.assignments.map((a) => a.column?.parts[a.column.parts.length - 1]?.name).find((n) => n !== undefined && !c.updatable?.includes(n.toLowerCase()));
    if (outside !== undefined) throw state.unsupported(stmt, `${what}: ${outside} is not in the cursor's FOR UPDATE OF list (SQL Server fails with 16932)`);
  }
  const row = c.rows?.[c.position - 1];
  if (row === undefined || c.onRow !== true) throw state.unsupported(stmt, `${what} where the cursor is on no row (SQL Server fails with 16930)`);
  const source = matching[0] as TableRef;
  const translator = new SqlTranslator(state);
  const info = resolveTable(translator, written(source.name.parts));
  // Columns of the other joined tables: an unqualified select item is the target's column only
  // where no other table of the join has a column of that name (else SQL Server's 209).
  // A joined view (or anything else not a table here) has columns unknown to this check: then
  // only a column written with the target's alias or name counts.
  const columnsOf = (t: TableRef): readonly string[] | undefined => {
    try {
      return resolveTable(translator, written(t.name.parts)).columns.map((col) => col.name.toLowerCase());
    } catch {
      return undefined;
    }
  };
  const others = sources.filter((t) => t !== source).map(columnsOf);
  // The select-list position of each column of the target read plainly (`AccountId`, `a.AccountId`).
  const positions = new Map<string, number>();
  spec.items.forEach((item, i) => {
    if (item.kind === 'SelectItem' && item.expression.kind === 'ColumnRef') {
      const parts = item.expression.parts;
      const col = parts[parts.length - 1]?.name.toLowerCase();
      if (col === undefined || positions.has(col)) return;
      const ofTarget = parts.length === 1 ? others.every((cols) => cols !== undefined && !cols.includes(col)) : names(source, parts.slice(0, -1));
      if (ofTarget) positions.set(col, i);
    }
  });
  const key = (info.uniqueKeys ?? []).find((k) => k.every((col) => positions.has(col.toLowerCase())));
  if (key === undefined || spec.items.length !== row.length - (c.columns?.hidden ?? 0)) {
    throw state.unsupported(stmt, `${what}: the cursor's select list does not carry a primary key or unique key of ${written(source.name.parts)}, by which the emulator finds the fetched row (written with its alias where the cursor joins tables)`);
  }
  const conditions = key.map((col): Expression => {
    const value = row[positions.get(col.toLowerCase()) ?? -1];
    const type = info.columns.find((x) => x.name.toLowerCase() === col.toLowerCase())?.duckType ?? '';
    if (value === null || value === undefined || /^(FLOAT|DOUBLE|REAL)$/i.test(type)) {
      throw state.unsupported(stmt, `${what}: the fetched row's ${col} is ${value === null ? 'NULL' : 'a float'}, which does not name one row`);
    }
    const span = stmt.span;
    return {
      kind: 'Binary', operator: '=', span,
      left: { kind: 'ColumnRef', parts: [{ kind: 'Identifier', name: col, quote: 'bracket', span }], span },
      right: { kind: 'Literal', literalType: 'nstring', value, span },
    };
  });
  const where = conditions.reduce((a, b) => ({ kind: 'Binary', operator: 'AND', left: a, right: b, span: stmt.span }));
  return { ...stmt, where, currentOf: undefined };
}

/**
 * The tables of a cursor's FROM when it is one table or tables joined by INNER or CROSS joins
 * (each fetched row then holds exactly one row of each); undefined for anything else.
 */
function innerJoinedTables(from: TableSource | undefined): TableRef[] | undefined {
  if (from === undefined) return undefined;
  if (from.kind === 'TableRef') return [from];
  if (from.kind !== 'Join' || (from.joinType !== 'INNER' && from.joinType !== 'CROSS')) return undefined;
  const left = innerJoinedTables(from.left);
  const right = innerJoinedTables(from.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}

/** Whether a column's qualifier (`a`, `Account`, `[Core Banking].[Account]`) names this table. */
function names(table: TableRef, qualifier: readonly Identifier[]): boolean {
  const lower = (ids: readonly Identifier[]): string[] => ids.map((i) => i.name.toLowerCase());
  const q = lower(qualifier);
  if (table.alias !== undefined) return q.length === 1 && q[0] === table.alias.name.toLowerCase();
  const t = lower(table.name.parts);
  return q.length <= t.length && q.every((part, i) => part === t[t.length - q.length + i]);
}
