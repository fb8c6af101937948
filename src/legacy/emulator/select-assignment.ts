import type { Expression, QuerySpec, Select, SelectAssignment, SelectItem } from '../../tsql';
import { findAll } from '../../tsql';
import { convertSql, quote, SqlTranslator } from './expressions';
import { noteOrderDependentValues } from './reproducibility/taint-sources';
import { runSql, slotOf } from './runtime';
import { assignmentOverflow, type AssignedConversion } from './assignment-overflow';
import type { ColumnType } from './sql-scope';
import type { EmulatorState } from './state';
import type { TsqlType } from './tsql-types';

/*
 * `SELECT @a = x, @b = y FROM …` in a procedure. SQL Server assigns once per row, in the order
 * its plan yields the rows: the last row's values stay, and `SELECT @s = @s + x` sees at each row
 * what the previous one left. That order is defined only by an ORDER BY without ties; the
 * emulator yields rows in its own order otherwise (DuckDB's, not the clustered index's), so the
 * values assigned then are listed as non-reproducible (random-values.ts) unless they cannot
 * depend on the order: every row assigns the same values, or an exact-number total.
 */

/** Runs the assignment; no row leaves the variables unchanged, as in SQL Server. */
export async function selectAssign(state: EmulatorState, select: Select, spec: QuerySpec): Promise<void> {
  if (spec.items.some((i) => i.kind !== 'SelectAssignment')) throw state.unsupported(spec, 'a SELECT that mixes variable assignment and result columns');
  const rewritten: QuerySpec = {
    ...spec,
    items: spec.items.map((i) => (i.kind === 'SelectAssignment' && i.operator !== '='
      ? { ...i, operator: '=', expression: { kind: 'Binary', operator: i.operator.slice(0, -1), left: i.variable, right: i.expression, span: i.span } as Expression }
      : i)),
  };
  const assigned = rewritten.items.flatMap((i) => (i.kind === 'SelectAssignment' ? [i] : []));
  // An item reading a variable an earlier item of the same SELECT assigns (`SELECT @a = MAX(x),
  // @b = @a + 1`), or one variable assigned twice: whether it sees the value assigned in this row
  // or the one before the statement is not documented (the emulator's rows would read the one
  // before), so it is refused rather than guessed.
  assigned.forEach((item, k) => {
    const earlier = new Set(assigned.slice(0, k).map((a) => a.variable.name.toLowerCase()));
    const own = item.variable.name.toLowerCase();
    const read = findAll(item.expression, 'Variable').find((v) => earlier.has(v.name.toLowerCase()) && v.name.toLowerCase() !== own);
    if (read !== undefined || earlier.has(own)) {
      throw state.unsupported(item, `${item.variable.name} = … reading ${read?.name ?? own}, which the same SELECT assigns before it (whether it sees the new value or the one before the statement is not documented): assign it in a SELECT or SET of its own`);
    }
  });
  const build = (all = false): { sql: string; params: unknown[]; conversions: AssignedConversion[] } => {
    const tr = new SqlTranslator(state);
    const q = tr.query({ ...select, body: all ? { ...rewritten, top: undefined } : rewritten }, undefined);
    const selectList = q.columns.map((c, i) => {
      const target = assigned[i];
      if (target === undefined) return 'NULL';
      const slot = slotOf(state, target.variable);
      return `CAST(${convertSql({ sql: quote(c.name), family: c.family, duckType: c.duckType, tsqlType: c.tsqlType }, slot.type, false, state.dateFormat).sql} AS VARCHAR) AS ${quote(`v${i}`)}`;
    });
    const conversions = assigned.map((a, i) => ({ from: q.columns[i]?.tsqlType, fromDuckType: q.columns[i]?.duckType, to: slotOf(state, a.variable).type }));
    return { sql: `SELECT ${selectList.join(', ')} FROM (${q.sql}) AS __assign`, params: tr.params, conversions };
  };
  const first = build();
  const rows = await runSql(state, first.sql, first.params, select.span).catch(async (err: unknown) => {
    // the values alone, each read as text so that none is left uncomputed
    const tr = new SqlTranslator(state);
    const q = tr.query({ ...select, body: rewritten }, undefined);
    const values = `SELECT ${q.columns.map((c, i) => `CAST(${quote(c.name)} AS VARCHAR) AS ${quote(`v${i}`)}`).join(', ')} FROM (${q.sql}) AS __values`;
    throw await assignmentOverflow(err, first.conversions, values, (sql) => runSql(state, sql, tr.params, select.span));
  });
  state.rowCount = rows.length;
  const names = new Set(assigned.map((a) => a.variable.name.toLowerCase()));
  const accumulates = assigned.some((a) => findAll(a.expression, 'Variable').some((v) => names.has(v.name.toLowerCase())));
  const variables = assigned.map((a) => a.variable.name).join(', ');
  const subject = `${names.size === 1 ? 'the variable' : 'the variables'} ${variables}`;
  if (spec.top !== undefined && rows.length > 0) {
    // TOP (n): which n rows, when more qualify, is the ORDER BY's to decide (its ties at the cut too).
    const all = build(true);
    const counted = await runSql(state, `SELECT count(*) AS n, count(DISTINCT row(${assigned.map((_, i) => quote(`v${i}`)).join(', ')})) AS d FROM (${all.sql}) AS __all`, all.params, select.span);
    const qualifying = Number(counted[0]?.n ?? 0);
    const differing = accumulates || Number(counted[0]?.d ?? 0) > 1;
    if (qualifying > rows.length && differing && await tied(state, select, spec, rows.length, qualifying)) {
      noteOrderDependentValues(state, `${subject} assigned from ${rows.length} of ${qualifying} rows by TOP in ${orderText(select)} at ${where(state, select)} (SQL Server keeps the rows its plan yields first)`);
    }
  }
  if (rows.length > 1 && accumulates) {
    if (!orderFree(state, select, assigned) && await tied(state, select, spec, 'any', rows.length)) {
      noteOrderDependentValues(state, `${subject} accumulated over ${rows.length} rows by ${orderText(select)} at ${where(state, select)} (SQL Server assigns the rows in the order its plan yields them)`);
    }
    // Replayed one row at a time, each row seeing the values the previous one left.
    for (let i = 0; i < rows.length; i++) {
      const step = build();
      const one = await runSql(state, `${step.sql} LIMIT 1 OFFSET ${i}`, step.params, select.span);
      const row = one[0];
      if (row === undefined) break;
      assigned.forEach((a, k) => {
        const v = row[`v${k}`];
        slotOf(state, a.variable).value = v === null || v === undefined ? null : String(v);
      });
    }
    state.rowCount = rows.length;
    return;
  }
  const last = rows[rows.length - 1];
  if (last === undefined) return;
  if (rows.length > 1 && rows.some((r) => assigned.some((_, i) => r[`v${i}`] !== last[`v${i}`])) && await tied(state, select, spec, rows.length - 1, rows.length)) {
    noteOrderDependentValues(state, `${subject} assigned from the last of ${rows.length} differing rows of ${orderText(select)} at ${where(state, select)} (SQL Server keeps the row its plan yields last)`);
  }
  assigned.forEach((a, i) => {
    const v = last[`v${i}`];
    slotOf(state, a.variable).value = v === null || v === undefined ? null : String(v);
  });
}

/** `file:line:col` of the SELECT, for the manifest's causes. */
function where(state: EmulatorState, select: Select): string {
  return state.place(select.span) || 'the procedure';
}

function orderText(select: Select): string {
  return select.orderBy.length === 0 ? 'a SELECT without ORDER BY' : 'a SELECT whose ORDER BY ties';
}

/**
 * Whether the rows' order is SQL Server's to choose where it matters: always without ORDER BY;
 * with one, when two rows have equal ORDER BY values anywhere (`any`, for an accumulation) or
 * at `at - 1` and `at` of the ordered rows, TOP left out (the last row, the cut of a TOP).
 * Text ties as SQL Server's case-insensitive collations compare it (case and trailing blanks
 * ignored).
 */
async function tied(state: EmulatorState, select: Select, spec: QuerySpec, at: 'any' | number, rowCount: number): Promise<boolean> {
  if (select.orderBy.length === 0) return true;
  const items: SelectItem[] = select.orderBy.map((o, i) => ({ kind: 'SelectItem', expression: o.expression, alias: { kind: 'Identifier', name: `o${i}`, quote: 'none', span: o.span }, aliasStyle: 'as', span: o.span }));
  // TOP and DISTINCT left out: ties among more rows than they keep can only make this answer yes.
  const body: QuerySpec = { ...spec, items, top: undefined, distinct: false };
  const tr = new SqlTranslator(state);
  const q = tr.query({ ...select, body, orderBy: at === 'any' ? [] : select.orderBy, offset: undefined, fetch: undefined }, undefined);
  const keys = q.columns.map((c) => tieKey(c));
  if (at === 'any') {
    const found = await runSql(state, `SELECT 1 AS t FROM (${q.sql}) AS __o GROUP BY ${keys.join(', ')} HAVING count(*) > 1 LIMIT 1`, tr.params, select.span);
    return found.length > 0;
  }
  if (at < 1 || at >= rowCount) return false;
  const pair = await runSql(state, `SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(', ')} FROM (${q.sql} LIMIT 2 OFFSET ${at - 1}) AS __o`, tr.params, select.span);
  const [a, b] = pair;
  if (a === undefined || b === undefined) return true;
  return keys.every((_, i) => a[`k${i}`] === b[`k${i}`] || (a[`k${i}`] !== null && b[`k${i}`] !== null && String(a[`k${i}`]) === String(b[`k${i}`])));
}

/** A column's value as SQL Server's ORDER BY compares it for equality. */
function tieKey(c: ColumnType): string {
  const col = quote(c.name);
  return c.family === 'string' ? `lower(rtrim(CAST(${col} AS VARCHAR), ' '))` : col;
}

/**
 * Whether every assignment is a total the rows' order cannot change: `@v = @v + e`, `@v = e + @v`,
 * `@v = @v - e` (or `+=`, `-=`) of an integer or an exact number whose scale fits @v's, summed
 * exactly in any order (text, float and rounding steps depend on it).
 */
function orderFree(state: EmulatorState, select: Select, assigned: readonly SelectAssignment[]): boolean {
  return assigned.every((a) => {
    const e = a.expression;
    if (e.kind !== 'Binary' || (e.operator !== '+' && e.operator !== '-')) return false;
    const self = (x: Expression): boolean => x.kind === 'Variable' && x.name.toLowerCase() === a.variable.name.toLowerCase();
    const other = self(e.left) ? e.right : e.operator === '+' && self(e.right) ? e.left : undefined;
    if (other === undefined || findAll(other, 'Variable').some((v) => v.name.toLowerCase() === a.variable.name.toLowerCase())) return false;
    const target = slotOf(state, a.variable).type;
    const term = typeOfTerm(state, select, other);
    return term !== undefined && exactFits(term, target);
  });
}

/** The type of `e` evaluated over the SELECT's rows, or undefined when not known. */
function typeOfTerm(state: EmulatorState, select: Select, e: Expression): ColumnType | undefined {
  const spec = select.body as QuerySpec;
  const body: QuerySpec = { ...spec, items: [{ kind: 'SelectItem', expression: e, alias: undefined, aliasStyle: 'none', span: e.span }], top: undefined, distinct: false };
  try {
    return new SqlTranslator(state).query({ ...select, body, orderBy: [], offset: undefined, fetch: undefined }, undefined).columns[0];
  } catch {
    return undefined; // translated again, with the same error, by the assignment itself
  }
}

const INTEGERS = new Set(['tinyint', 'smallint', 'int', 'bigint', 'bit']);

function exactFits(term: ColumnType, target: TsqlType): boolean {
  const scaleOf = (t: TsqlType): number | undefined => (INTEGERS.has(t.name) ? 0 : t.name === 'money' || t.name === 'smallmoney' ? 4 : t.name === 'decimal' || t.name === 'numeric' ? t.scale ?? 0 : undefined);
  const targetScale = scaleOf(target);
  if (targetScale === undefined) return false;
  if (term.family === 'integer' || term.family === 'bit') return true;
  if (term.tsqlType === undefined || term.family !== 'exact') return false;
  const termScale = scaleOf(term.tsqlType);
  return termScale !== undefined && termScale <= targetScale;
}
