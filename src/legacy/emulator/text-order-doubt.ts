import { foldedTextSql, plainTextSql, quotedPairSql, surePairSql, textOrderDoubtSql, TEXT_ORDER_DOUBT_WHY, type Node } from '../../tsql';
import type { SqlTranslator } from './expressions';

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
  // The first i where two values side by side in list l (of structs: t, the keys they must tie
  // on; v, the text) meet as above; NULL where none does.
  `CREATE OR REPLACE MACRO tsql_adjacent_doubt_at(l) AS list_filter(range(1, len(l)), lambda __at:
     struct_extract(l[__at], 't') IS NOT DISTINCT FROM struct_extract(l[__at + 1], 't') AND tsql_order_doubt(struct_extract(l[__at], 'v'), struct_extract(l[__at + 1], 'v')))[1]`,
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
export interface SortKey {
  readonly key: string;
  readonly text: string | undefined;
}

/**
 * SQL that stops the statement (else NULL) where a sort by `keys` within `partition` puts two
 * text values side by side that differ first at a character whose order is uncertain; each text
 * key is checked among the rows that tie on the keys before it. Undefined without a text key.
 * `window`: the PARTITION BY and ORDER BY of a window sorted by `partition` and `keys` (then
 * anything), whose own sort then gives the first key's neighbours.
 */
export function sortDoubtSql(t: SqlTranslator, keys: readonly SortKey[], partition: readonly string[], what: string, node: Pick<Node, 'span'> | undefined, window?: string): string | undefined {
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    const within = [...partition, ...keys.slice(0, i).map((x) => x.key)];
    // Else the neighbours in the order of the folded text: the collation key's order where two
    // values fold apart, and values that fold alike are never in doubt, so the same pairs are met
    // by a cheaper sort (the sort is most of the check's cost).
    const previous = i === 0 && window !== undefined ? `lag(${k.text}) OVER (${window})`
      : `lag(${k.text}) OVER (${within.length === 0 ? '' : `PARTITION BY ${within.join(', ')} `}ORDER BY tsql_fold(${k.text}))`;
    // Most text is letters, digits and blanks: one regular expression per value tells such a pair
    // sure before any fold (the first branch: an unknown NULL goes on to the full check).
    const plain = (v: string): string => `regexp_full_match(CAST(${v} AS VARCHAR), '[ 0-9A-Za-z]*')`;
    return [`(CASE WHEN ${plain(k.text)} AND ${plain(previous)} THEN NULL WHEN tsql_order_doubt(${k.text}, ${previous}) THEN ${refusal(t, what, node, previous, k.text)} END)`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
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

/**
 * The same check as sortDoubtSql for the order an aggregate takes its values in (STRING_AGG …
 * WITHIN GROUP): the group's values gathered in that order, side by side pairs checked. Keys
 * before a text key tie by their folded text (accent variants, apart in SQL Server, are then
 * checked once more, never less).
 */
export function aggregateSortDoubtSql(t: SqlTranslator, keys: readonly (SortKey & { readonly item: string })[], what: string, node: Pick<Node, 'span'> | undefined): string | undefined {
  const order = keys.map((k) => k.item).join(', ');
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    const earlier = keys.slice(0, i).map((x) => (x.text === undefined ? x.key : `tsql_fold(${x.text})`));
    const list = `list(struct_pack(t := ${earlier.length === 0 ? '0' : `[${earlier.map((x) => `CAST(${x} AS VARCHAR)`).join(', ')}]`}, v := ${k.text}) ORDER BY ${order})`;
    const at = `tsql_adjacent_doubt_at(${list})`;
    const value = (offset: string): string => `struct_extract(${list}[${at}${offset}], 'v')`;
    return [`(CASE WHEN ${at} IS NOT NULL THEN ${refusal(t, what, node, value(''), value(' + 1'))} END)`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
}

/** `sql`, the comparison `left op ALL|ANY (query)` over text `column` of the query, refused where `left` meets a value of it as orderedTextComparison refuses. */
export function checkedQuantified(t: SqlTranslator, op: string, left: string, column: string, query: string, node: Pick<Node, 'span'>, sql: string): string {
  if (op === '=' || op === '<>') return sql;
  // The subquery's values as one list, so that `left` stays outside it (its column may bear the same name).
  const met = `list_filter((SELECT list(${column}) FROM (${query}) AS __doubt), lambda __value: tsql_order_doubt(${left}, __value))[1]`;
  return `(CASE WHEN ${met} IS NOT NULL THEN CAST(${refusal(t, `the comparison ${op} with a subquery`, node, left, met)} AS BOOLEAN) ELSE ${sql} END)`;
}
