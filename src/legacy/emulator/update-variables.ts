import type { Expression, Update, UpdateAssignment } from '../../tsql';
import { findAll } from '../../tsql';
import { convertSql, quote, type SqlFragment, type SqlTranslator } from './expressions';
import { runSql, slotOf } from './runtime';
import { familyOfDuckType } from './sql-scope';
import type { EmulatorState } from './state';
import type { TsqlType } from './tsql-types';

/*
 * Variables an UPDATE assigns (the UPDATE page's SET forms): `@v = expression` takes the
 * expression over the row before the update, `@v = column = expression` (and `@v = column += e`)
 * the column's new value, as the column holds it. The counter idiom
 * `UPDATE dbo.Counter SET @n = NextNo = NextNo + 1 WHERE Series = @s` reads and increments in one
 * statement. The page says to use them only when the UPDATE changes one row: over several rows
 * the variable keeps the value of the row SQL Server's plan updates last, and `@v = @v + col`
 * accumulates in that order (the "quirky update"), so several rows giving different values are
 * refused, and so is any read, in the statement, of a variable it assigns other than `@v`'s own
 * value in its own assignment (the order SQL Server evaluates the SET list in is not documented).
 */

/** The UPDATE's column assignments, and its variable assignments (none: undefined). */
export interface UpdateVariables {
  readonly columns: readonly UpdateAssignment[];
  readonly variables: readonly UpdateAssignment[];
}

export function splitUpdateAssignments(state: EmulatorState, upd: Update): UpdateVariables | undefined {
  const variables = upd.assignments.filter((a) => a.variable !== undefined);
  if (variables.length === 0) return undefined;
  const names = new Set(variables.map((a) => a.variable?.name.toLowerCase() ?? ''));
  const reads = (e: Expression | undefined, own?: string): void => {
    if (e === undefined) return;
    const other = findAll(e, 'Variable').find((v) => names.has(v.name.toLowerCase()) && v.name.toLowerCase() !== own);
    if (other !== undefined) throw state.unsupported(other, `${other.name} read in the UPDATE that assigns it (the order SQL Server evaluates its SET list in is not documented)`);
  };
  for (const a of upd.assignments) {
    // `@v = @v + x` and `@v = col = @v + x` read @v's value before the statement (one row).
    reads(a.value, a.variable?.name.toLowerCase());
    if (a.variable !== undefined && variables.filter((b) => b.variable?.name.toLowerCase() === a.variable?.name.toLowerCase()).length > 1) {
      throw state.unsupported(a, `${a.variable.name} assigned twice in one UPDATE`);
    }
  }
  reads(upd.where);
  for (const s of upd.from) findAll(s, 'Variable').forEach((v) => { if (names.has(v.name.toLowerCase())) reads(v); });
  return { columns: upd.assignments.filter((a) => a.column !== undefined), variables };
}

/**
 * The variables' values per matched row, as SQL over the row-id query's columns: `columnValue(a)`
 * gives the SQL and type of the value an `@v = column = e` assignment writes to the column;
 * `expression(a)` translates `@v = e` (a compound `@v += e` as `@v + e`).
 */
export function variableValueSql(
  state: EmulatorState,
  a: UpdateAssignment,
  columnValue: (a: UpdateAssignment) => { sql: string; duckType: string; tsqlType?: TsqlType } | undefined,
  expression: (e: Expression) => ReturnType<SqlTranslator['expr']>,
): string {
  const variable = a.variable;
  if (variable === undefined) throw state.unsupported(a, 'an UPDATE assignment without a variable');
  const slot = slotOf(state, variable);
  const written = a.column !== undefined ? columnValue(a) : undefined;
  const value = written !== undefined
    ? asColumnHolds(state, written)
    : expression(a.operator === '=' ? a.value : { kind: 'Binary', operator: a.operator.slice(0, -1), left: variable, right: a.value, span: a.span });
  return `CAST(${convertSql(value, slot.type, false, state.dateFormat).sql} AS VARCHAR)`;
}

/**
 * The value as the column holds it: the SET's value goes through the column's type (2.25 into a
 * decimal(5,1) column is 2.3) before it reaches the variable.
 */
function asColumnHolds(state: EmulatorState, written: { sql: string; duckType: string; tsqlType?: TsqlType }): SqlFragment {
  const family = familyOfDuckType(written.duckType);
  if (written.tsqlType === undefined) return { sql: `CAST(${written.sql} AS ${written.duckType})`, family, duckType: written.duckType };
  return { ...convertSql({ sql: written.sql, family, duckType: written.duckType }, written.tsqlType, false, state.dateFormat), tsqlType: written.tsqlType };
}

/**
 * Reads the variables' values from the rows the UPDATE is about to change (`inner`, the row-id
 * query whose columns `v<first>`… hold them) and returns what assigns them once the UPDATE ran:
 * no row leaves them unchanged, one row or rows that agree set them, rows that differ are refused.
 */
export async function prepareVariableAssignment(state: EmulatorState, upd: Update, plan: UpdateVariables, inner: string, params: readonly unknown[], first: number): Promise<() => void> {
  const cols = plan.variables.map((_, i) => quote(`v${first + i}`));
  const rows = await runSql(state, `SELECT DISTINCT ${cols.join(', ')} FROM (${inner}) AS __vars LIMIT 2`, [...params], upd.span);
  const row = rows[0];
  if (row === undefined) return () => undefined;
  const selfRead = plan.variables.some((a) => (a.column === undefined && a.operator !== '=') || findAll(a.value, 'Variable').some((v) => v.name.toLowerCase() === a.variable?.name.toLowerCase()));
  const counted = selfRead ? await runSql(state, `SELECT count(*) AS n FROM (${inner}) AS __vars`, [...params], upd.span) : [];
  if (rows.length > 1 || Number(counted[0]?.n ?? 1) > 1) {
    const names = plan.variables.map((a) => a.variable?.name ?? '').join(', ');
    throw state.unsupported(plan.variables[0] ?? upd, `SET ${names} = … in an UPDATE of several rows giving ${selfRead ? 'a running value' : 'different values'} (SQL Server keeps the value of the row its plan updates last; make the WHERE pick one row)`);
  }
  return () => {
    plan.variables.forEach((a, i) => {
      if (a.variable === undefined) return;
      const v = row[`v${first + i}`];
      slotOf(state, a.variable).value = v === null || v === undefined ? null : String(v);
    });
  };
}
