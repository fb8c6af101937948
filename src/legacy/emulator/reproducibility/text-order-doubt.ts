import { aggregateSortDoubtCheckSql, foldedTextSql, plainTextSql, quotedPairSql, sortDoubtCheckSql, surePairSql, textOrderDoubtSql, TEXT_ORDER_DOUBT_WHY, type Node, type SortDoubtCheck, type TextSortKey } from '../../../tsql';
import type { SqlTranslator } from '../expressions';

/*
 * Text the emulator orders (tsql_collation_key: case and accents folded, then code points) where
 * the first difference of two values is punctuation. SQL Server's default collations disagree
 * there: a Windows collation (Latin1_General_…, and nvarchar under SQL_… ones) uses word sort,
 * which passes over hyphens and apostrophes ('ABB' before 'AB-C', 'ONeil' before 'O''Neil'),
 * while a SQL collation sorts varchar by its code-page sort order, the hyphen a symbol like the
 * others; and both sort every other symbol before the digits and letters (Windows' word sort
 * documentation), where code points put ':' after '9' and '_' after 'Z'. The scripts do not say
 * which collation the database has, nor do the pages give the symbols' order among themselves.
 *
 * Certain, and so reproduced: a first difference between blanks, digits and letters (an order
 * every collation shares with code points), a value that is the other's beginning, and a symbol
 * other than - and ' against a digit or letter where code points also put the symbol first.
 * Anything else is refused when two values meet in one comparison or side by side in one sort
 * (the adjacent pairs of a sort decide its whole order, every collation being transitive): run
 * time checks, so ordinary data goes on at the cost of a fold and a regular expression.
 */

export const TEXT_ORDER_MACROS: readonly string[] = [
  // The text as the collation's first level reads it: no trailing blanks, case or accents. The
  // SQL is the drafts' too (src/tsql/text-order-doubt.ts), so both stop at the same pairs.
  `CREATE OR REPLACE MACRO tsql_fold(s) AS ${foldedTextSql('s')}`,
  `CREATE OR REPLACE MACRO tsql_plain_text(f) AS ${plainTextSql('f')}`,
  // Two different characters (folded) every default collation orders as code points do.
  `CREATE OR REPLACE MACRO tsql_sure_pair(c, d) AS ${surePairSql('c', 'd')}`,
  // True when a and b first differ (folded) where the collations may order them otherwise.
  `CREATE OR REPLACE MACRO tsql_order_doubt(a, b) AS ${textOrderDoubtSql('a', 'b')}`,
  // In a CHECK constraint or computed column, where DuckDB takes no lambda (and shows the
  // expression in a constraint's failure, so the refusal must not be written out there): values
  // with punctuation but for one the other's beginning (`Code > ''`) or a sure first character;
  // NULL where the comparison may go on.
  `CREATE OR REPLACE MACRO tsql_definition_order_doubt(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL
     WHEN tsql_plain_text(tsql_fold(a)) AND tsql_plain_text(tsql_fold(b)) THEN NULL
     WHEN starts_with(tsql_fold(a), tsql_fold(b)) OR starts_with(tsql_fold(b), tsql_fold(a)) THEN NULL
     WHEN left(tsql_fold(a), 1) <> left(tsql_fold(b), 1) AND tsql_sure_pair(left(tsql_fold(a), 1), left(tsql_fold(b), 1)) THEN NULL
     ELSE CAST(error('the emulator does not support ordering text holding punctuation in a CHECK constraint or computed column (SQL Server''s default collations may order it otherwise): ''' || CAST(a AS VARCHAR) || ''' and ''' || CAST(b AS VARCHAR) || '''') AS BOOLEAN) END`,
  // MIN/MAX m of a group: m against each value holding punctuation and against the extreme of the
  // others (which order among themselves as code points do). Lambda parameters are named apart:
  // a macro's arguments pasted into another's lambda would otherwise be captured by it.
  `CREATE OR REPLACE MACRO tsql_extreme_doubt(m, punctuated, plain) AS m IS NOT NULL
     AND (tsql_order_doubt(m, plain) OR coalesce(list_bool_or(list_transform(punctuated, lambda __other: tsql_order_doubt(m, __other))), FALSE))`,
];

/** The refusal (a DuckDB error() call whose text says what, where and which two values) of `what` at `node`. */
function refusal(t: SqlTranslator, what: string, node: Pick<Node, 'span'> | undefined, a: string, b: string): string {
  const message = `the emulator does not support ${TEXT_ORDER_DOUBT_WHY}; met by ${what} at ${t.state.place(node?.span)}: `;
  return `error('${message.replace(/'/g, "''")}${quotedPairSql(a, b)})`;
}

/**
 * `left op right` of two texts ordered by their collation keys (`op` one of < > <= >=), refused
 * where the two values differ first at a character whose order is uncertain. In a table's
 * definition (tsql_definition_order_doubt) any value with punctuation is refused there.
 */
export function orderedTextComparison(t: SqlTranslator, op: string, left: string, right: string, node: Pick<Node, 'span'> | undefined): string {
  const key = (sql: string): string => `tsql_collation_key(tsql_str(${sql}))`;
  if (t.inTableDefinition) return `(CASE WHEN tsql_definition_order_doubt(${left}, ${right}) IS NULL THEN ${key(left)} ${op} ${key(right)} END)`;
  return `(CASE WHEN tsql_order_doubt(${left}, ${right}) THEN CAST(${refusal(t, `the comparison ${op}`, node, left, right)} AS BOOLEAN) ELSE ${key(left)} ${op} ${key(right)} END)`;
}

/** One key of a sort: its SQL (as ordered), and the text it orders when it is text. */
export type SortKey = TextSortKey;

/** The emulator's way of checking a sort: its macros, and a refusal of `what` at `node`. */
function sortCheck(t: SqlTranslator, what: string, node: Pick<Node, 'span'> | undefined): SortDoubtCheck<SortKey> {
  return { fold: (x) => `tsql_fold(${x})`, doubt: (a, b) => `tsql_order_doubt(${a}, ${b})`, stop: (_k, previous, current) => refusal(t, what, node, previous, current) };
}

/**
 * SQL that stops the statement (else NULL) where a sort by `keys` within `partition` puts two
 * text values side by side that differ first at a character whose order is uncertain
 * (sortDoubtCheckSql); `window`: the PARTITION BY and ORDER BY of a window sorted by them.
 */
export function sortDoubtSql(t: SqlTranslator, keys: readonly SortKey[], partition: readonly string[], what: string, node: Pick<Node, 'span'> | undefined, window?: string): string | undefined {
  return sortDoubtCheckSql(keys, partition, sortCheck(t, what, node), window);
}

/** MIN or MAX (`sql`, over text `x`, `over` its OVER clause or '') refused where another value of its group may be the collation's extreme. */
export function checkedTextExtreme(t: SqlTranslator, name: 'MIN' | 'MAX', sql: string, x: string, over: string, node: Pick<Node, 'span'>): string {
  const folded = `tsql_fold(${x})`;
  const punctuated = `list(${folded}) FILTER (WHERE NOT tsql_plain_text(${folded}))${over}`;
  const plain = `${name.toLowerCase()}(${folded}) FILTER (WHERE tsql_plain_text(${folded}))${over}`;
  const m = `tsql_fold(${sql})`;
  // The value it meets, as the collation's first level reads it (folded).
  const other = `coalesce(list_filter(${punctuated}, lambda __other: tsql_order_doubt(${m}, __other))[1], ${plain})`;
  return `(CASE WHEN tsql_extreme_doubt(${m}, ${punctuated}, ${plain}) THEN ${refusal(t, `${name}()`, node, sql, other)} ELSE ${sql} END)`;
}

/** The same check for the order an aggregate takes its values in (STRING_AGG … WITHIN GROUP, aggregateSortDoubtCheckSql). */
export function aggregateSortDoubtSql(t: SqlTranslator, keys: readonly (SortKey & { readonly item: string })[], what: string, node: Pick<Node, 'span'> | undefined): string | undefined {
  return aggregateSortDoubtCheckSql(keys, keys.map((k) => k.item).join(', '), sortCheck(t, what, node));
}

/** `sql`, the comparison `left op ALL|ANY (query)` over text `column` of the query, refused where `left` meets a value of it as orderedTextComparison refuses. */
export function checkedQuantified(t: SqlTranslator, op: string, left: string, column: string, query: string, node: Pick<Node, 'span'>, sql: string): string {
  if (op === '=' || op === '<>') return sql;
  // The subquery's values as one list, so that `left` stays outside it (its column may bear the same name).
  const met = `list_filter((SELECT list(${column}) FROM (${query}) AS __doubt), lambda __value: tsql_order_doubt(${left}, __value))[1]`;
  return `(CASE WHEN ${met} IS NOT NULL THEN CAST(${refusal(t, `the comparison ${op} with a subquery`, node, left, met)} AS BOOLEAN) ELSE ${sql} END)`;
}
