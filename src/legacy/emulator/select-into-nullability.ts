import type { Expression, QuerySpec, Select } from '../../tsql';
import { quote } from './expressions';
import { runSql } from './runtime';
import type { EmulatorState } from './state';

/*
 * SELECT … INTO gives each new column the nullability of its expression (the SELECT - INTO
 * Clause page), and "an expression involving ISNULL with non-null parameters is considered to be
 * NOT NULL" (the COALESCE and ISNULL pages), as is a constant. So `SELECT ISNULL(Amt, 0) AS Amt
 * INTO #t` makes a NOT NULL column, and a later INSERT or UPDATE putting NULL there fails with
 * 515; DuckDB's CREATE TABLE … AS makes every column nullable, which let that NULL in silently.
 * Known gap: a NOT NULL column of a source table copied as it is stays nullable here (whether it
 * stays NOT NULL depends on outer joins and expressions around it).
 */

/** Whether SQL Server types the expression NOT NULL: a constant, or ISNULL(x, <such an expression>). */
function notNullExpression(e: Expression): boolean {
  if (e.kind === 'Literal') return e.literalType !== 'null' && e.literalType !== 'default';
  if (e.kind === 'Unary') return (e.operator === '-' || e.operator === '+') && notNullExpression(e.operand);
  if (e.kind === 'ExpressionList') return e.items.length === 1 && e.items[0] !== undefined && notNullExpression(e.items[0]);
  if (e.kind === 'FunctionCall' && e.over === undefined && e.name.parts.length === 1 && (e.name.parts[0]?.name ?? '').toUpperCase() === 'ISNULL') {
    const replacement = e.args[1];
    return e.args.length === 2 && replacement !== undefined && notNullExpression(replacement);
  }
  return false;
}

/** Makes the columns of a table SELECT … INTO created NOT NULL where SQL Server makes them so. */
export async function constrainSelectInto(state: EmulatorState, select: Select, spec: QuerySpec, sqlName: string, columns: readonly { readonly name: string }[]): Promise<void> {
  const items = spec.items;
  // Only a select list whose items are the columns one for one (no `*`, no IDENTITY() added).
  if (items.length !== columns.length || items.some((i) => i.kind !== 'SelectItem' || i.expression.kind === 'Star')) return;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const column = columns[i];
    if (item?.kind !== 'SelectItem' || column === undefined || !notNullExpression(item.expression)) continue;
    await runSql(state, `ALTER TABLE ${sqlName} ALTER COLUMN ${quote(column.name)} SET NOT NULL`, [], select.span);
  }
}
