import type { DeclareCursor, Delete, Expression, Identifier, Update } from '../../tsql';
import { SqlTranslator } from './expressions';
import { resolveTable, tableKeyOf } from './queries';
import type { EmulatorState } from './state';

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
  if (c.query.ctes.length > 0 || spec.kind !== 'QuerySpec' || spec.from.length !== 1 || spec.from[0]?.kind !== 'TableRef' || spec.distinct || spec.groupBy !== undefined || spec.having !== undefined || spec.top !== undefined) {
    throw state.unsupported(stmt, `${what}: the emulator updates through a cursor over one table only (no join, CTE, DISTINCT, GROUP BY or TOP)`);
  }
  const source = spec.from[0];
  if (stmt.target.kind !== 'TableRef' || stmt.from.length > 0) throw state.unsupported(stmt, `${what} with a FROM clause or a target that is not a table name`);
  const written = (parts: readonly Identifier[]): string => parts.map((p) => p.name).join('.');
  if (tableKeyOf(state, written(stmt.target.name.parts)) !== tableKeyOf(state, written(source.name.parts))) {
    throw state.unsupported(stmt, `${what}: the statement's table is not the table the cursor reads (SQL Server fails with 16931)`);
  }
  if (stmt.kind === 'Update' && c.updatable.length > 0) {
    const outside = stmt.assignments.map((a) => a.column?.parts[a.column.parts.length - 1]?.name).find((n) => n !== undefined && !c.updatable?.includes(n.toLowerCase()));
    if (outside !== undefined) throw state.unsupported(stmt, `${what}: ${outside} is not in the cursor's FOR UPDATE OF list (SQL Server fails with 16932)`);
  }
  const row = c.rows?.[c.position - 1];
  if (row === undefined || c.onRow !== true) throw state.unsupported(stmt, `${what} where the cursor is on no row (SQL Server fails with 16930)`);
  const info = resolveTable(new SqlTranslator(state), written(source.name.parts));
  // The select-list position of each column read plainly (`AccountId`, `a.AccountId`).
  const positions = new Map<string, number>();
  spec.items.forEach((item, i) => {
    if (item.kind === 'SelectItem' && item.expression.kind === 'ColumnRef') {
      const col = item.expression.parts[item.expression.parts.length - 1]?.name.toLowerCase();
      if (col !== undefined && !positions.has(col)) positions.set(col, i);
    }
  });
  const key = (info.uniqueKeys ?? []).find((k) => k.every((col) => positions.has(col.toLowerCase())));
  if (key === undefined || spec.items.length !== row.length) {
    throw state.unsupported(stmt, `${what}: the cursor's select list does not carry a primary key or unique key of ${written(source.name.parts)}, by which the emulator finds the fetched row`);
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
