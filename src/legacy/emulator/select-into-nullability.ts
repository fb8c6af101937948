import { quoteLiteral } from '../../engine';
import type { Expression, QueryExpression, QuerySpec, Select, TableSource } from '../../tsql';
import { quote } from './expressions';
import { tableKeyOf } from './queries';
import { runSql } from './runtime';
import type { EmulatorState } from './state';

/*
 * SELECT … INTO gives each new column the nullability of its expression (the SELECT - INTO
 * Clause page), and "an expression involving ISNULL with non-null parameters is considered to be
 * NOT NULL" (the COALESCE and ISNULL pages), as is a constant. So `SELECT ISNULL(Amt, 0) AS Amt
 * INTO #t` makes a NOT NULL column, and a later INSERT or UPDATE putting NULL there fails with
 * 515; DuckDB's CREATE TABLE … AS makes every column nullable, which let that NULL in silently.
 * A NOT NULL column of a source table copied as it is stays NOT NULL ("the nullability … of the
 * source column"), unless an outer join or a ROLLUP/CUBE/GROUPING SETS can put NULL in it; any other
 * expression over columns is nullable (SQL Server counts overflow as a possible NULL). Where the
 * FROM holds anything but tables and inner joins (a derived table, a CTE, a function, a table
 * variable), column copies are left nullable: a NULL stored later is let in, as before.
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
  // A UNION's column is NOT NULL only where every query's is; EXCEPT and INTERSECT columns are left nullable.
  const queries = select.body.kind === 'QuerySpec' ? [spec] : unionQueries(select.body);
  if (queries === undefined) return;
  let sources: Promise<NotNullSources | undefined> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const column = columns[i];
    if (item?.kind !== 'SelectItem' || column === undefined) continue;
    let notNull = queries.every((q) => {
      const other = q.items[i];
      return q.items.length === items.length && other?.kind === 'SelectItem' && notNullExpression(other.expression);
    });
    if (!notNull && item.expression.kind === 'ColumnRef' && select.body === spec && select.ctes.length === 0) {
      sources ??= notNullSources(state, spec);
      notNull = copiesNotNullColumn(await sources, item.expression.parts.map((p) => p.name));
    }
    if (notNull) await runSql(state, `ALTER TABLE ${sqlName} ALTER COLUMN ${quote(column.name)} SET NOT NULL`, [], select.span);
  }
}

/** The queries a UNION [ALL] joins (one for a plain query); undefined under EXCEPT, INTERSECT or a parenthesised query. */
function unionQueries(body: QueryExpression): QuerySpec[] | undefined {
  if (body.kind === 'QuerySpec') return [body];
  if (body.kind !== 'SetOperation' || (body.operator !== 'UNION' && body.operator !== 'UNION ALL')) return undefined;
  const left = unionQueries(body.left);
  const right = unionQueries(body.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}

/** The NOT NULL columns (lower case) of each table of the FROM, by the name the query reads it under (lower case). */
type NotNullSources = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The FROM's tables and their NOT NULL columns, when nothing in the query can put NULL in them:
 * only tables (no derived table, function or table variable), joined INNER or CROSS, and no
 * ROLLUP/CUBE/GROUPING SETS. Undefined otherwise.
 */
async function notNullSources(state: EmulatorState, spec: QuerySpec): Promise<NotNullSources | undefined> {
  const groupBy = spec.groupBy;
  if (groupBy !== undefined && (groupBy.withOption !== undefined || groupBy.items.some((g) => g.kind === 'GroupingSpec'))) return undefined;
  const tables: { readonly as: string; readonly sqlName: string }[] = [];
  const collect = (source: TableSource): boolean => {
    if (source.kind === 'Join') return (source.joinType === 'INNER' || source.joinType === 'CROSS') && collect(source.left) && collect(source.right);
    if (source.kind !== 'TableRef') return false;
    const written = source.name.parts.map((p) => p.name).join('.');
    const info = state.tables.get(tableKeyOf(state, written));
    if (info === undefined) return false; // a view or a name the emulator does not hold as a table
    tables.push({ as: (source.alias?.name ?? source.name.parts[source.name.parts.length - 1]?.name ?? '').toLowerCase(), sqlName: info.sqlName });
    return true;
  };
  if (spec.from.length === 0 || !spec.from.every(collect)) return undefined;
  const out = new Map<string, Set<string>>();
  for (const t of tables) {
    const rows = await state.session.all(`SELECT name, "notnull" FROM pragma_table_info(${quoteLiteral(t.sqlName)})`);
    out.set(t.as, new Set(rows.filter((r) => r.notnull === true).map((r) => String(r.name).toLowerCase())));
  }
  return out;
}

/** Whether `a.col` (or `col`, found in exactly one of the tables) names a NOT NULL column of the FROM. */
function copiesNotNullColumn(sources: NotNullSources | undefined, parts: readonly string[]): boolean {
  if (sources === undefined || parts.length === 0 || parts.length > 2) return false;
  const column = (parts[parts.length - 1] ?? '').toLowerCase();
  if (parts.length === 2) return sources.get((parts[0] ?? '').toLowerCase())?.has(column) ?? false;
  // unqualified: SQL Server binds it to the one table that has it (two would be error 209)
  const holders = [...sources.values()];
  return holders.filter((cols) => cols.has(column)).length === 1;
}
