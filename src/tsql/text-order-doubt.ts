// Text whose first difference (case and accents folded) is punctuation: SQL Server's default
// collations order it differently (a Windows collation's word sort passes over hyphens and
// apostrophes, a SQL collation sorts varchar by its code page), and the scripts do not say which
// the database has. The emulator (src/legacy/emulator/reproducibility/text-order-doubt.ts, which holds the rules
// and why) and the drafts both order text by its folded code points, so both stop where two such
// values meet in one comparison or side by side in one sort. One predicate for both: plain DuckDB
// SQL over expressions given as text, the emulator making its macros of it, the drafts pasting it.

/** What is refused, and why, as the emulator's refusal and the drafts' stop both say it (before the place and the two values). */
export const TEXT_ORDER_DOUBT_WHY = 'ordering text whose first difference is punctuation (a hyphen, an apostrophe or another symbol): '
  + 'Windows collations pass over hyphens and apostrophes (word sort), SQL collations sort varchar by their code page, and the scripts do not say which '
  + 'collation the database has';

/** DuckDB SQL to append to a message's string literal left open: the two text values `a` and `b`, quoted (`'AB-C' and 'ABB'`), and the literal's end. */
export function quotedPairSql(a: string, b: string): string {
  const value = (sql: string): string => `replace(CAST(${sql} AS VARCHAR), '''', '''''')`;
  return `''' || ${value(a)} || ''' and ''' || ${value(b)} || ''''`;
}

/** An ASCII symbol other than the hyphen and the apostrophe, as an RE2 character class. */
const SYMBOL = '[\\x{21}-\\x{26}\\x{28}-\\x{2C}\\x{2E}\\x{2F}\\x{3A}-\\x{40}\\x{5B}-\\x{60}\\x{7B}-\\x{7E}]';

/** DuckDB SQL: the text `s` as the collation's first level reads it: no trailing blanks, case or accents. */
export function foldedTextSql(s: string): string {
  return `lower(strip_accents(rtrim(CAST(${s} AS VARCHAR), ' ')))`;
}

/** DuckDB SQL: whether folded text `f` holds only blanks, digits and letters (no order in doubt). */
export function plainTextSql(f: string): string {
  return `regexp_full_match(${f}, '[ 0-9a-z]*')`;
}

/** DuckDB SQL: whether two different (folded) characters are ones every default collation orders as code points do. */
export function surePairSql(c: string, d: string): string {
  return `((regexp_full_match(${c}, '[ 0-9a-z]') AND regexp_full_match(${d}, '[ 0-9a-z]'))
     OR (regexp_full_match(${c}, '${SYMBOL}') AND regexp_full_match(${d}, '[0-9a-z]') AND ${c} < ${d})
     OR (regexp_full_match(${d}, '${SYMBOL}') AND regexp_full_match(${c}, '[0-9a-z]') AND ${d} < ${c}))`;
}

/*
 * Whether folded x and y first differ where the collations may order them otherwise. Up to m,
 * the shorter run of blanks, digits and letters they begin with, a difference is sure; at m + 1
 * one holds punctuation (or ends): the pair there decides unless both hold the same character,
 * and only then is the rest searched, character by character. Values computed once are named by
 * a lambda (`[v]` transformed): SQL pasted into several places would be computed at each, and
 * x and y here are always lambda parameters, never the caller's expressions (which may be a
 * window's lag, not allowed inside a lambda).
 */
function firstDifferenceDoubt(x: string, y: string): string {
  const at = (i: string): string => `substr(${x}, ${i}, 1)`;
  const bt = (i: string): string => `substr(${y}, ${i}, 1)`;
  const later = `list_filter(range(__m + 2, least(length(${x}), length(${y})) + 1), lambda __pos: ${at('__pos')} <> ${bt('__pos')})[1]`;
  const pairAt = `list_transform([${later}], lambda __i: __i IS NOT NULL AND NOT ${surePairSql(at('__i'), bt('__i'))})[1]`;
  const after = `CASE
     WHEN left(${x}, __m) <> left(${y}, __m) OR length(${x}) = __m OR length(${y}) = __m THEN FALSE
     WHEN ${at('__m + 1')} <> ${bt('__m + 1')} THEN NOT ${surePairSql(at('__m + 1'), bt('__m + 1'))}
     ELSE ${pairAt} END`;
  const m = `least(length(regexp_extract(${x}, '^[ 0-9a-z]*')), length(regexp_extract(${y}, '^[ 0-9a-z]*')))`;
  return `list_transform([${m}], lambda __m: ${after})[1]`;
}

/**
 * DuckDB SQL: whether text values `a` and `b` (any expressions, each pasted three times; NULL is
 * never in doubt) first differ, folded, at a character whose order the default collations may
 * give otherwise than code points (`'AB-C'` and `'ABB'`, `'O''Neil'` and `'ONeil'`, `'A_1'` and `'A10'`).
 */
export function textOrderDoubtSql(a: string, b: string): string {
  return `(CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN FALSE
     WHEN ${plainTextSql(foldedTextSql(a))} AND ${plainTextSql(foldedTextSql(b))} THEN FALSE
     ELSE list_transform([[${foldedTextSql(a)}, ${foldedTextSql(b)}]], lambda __folded: ${firstDifferenceDoubt('__folded[1]', '__folded[2]')})[1] END)`;
}

/** One key of a sort: its SQL as ordered, and the text it orders (undefined when not text). */
export interface TextSortKey {
  readonly key: string;
  readonly text: string | undefined;
  /** The key is a window function's value (`ORDER BY RANK() OVER (…), Name`), which no window may partition by. */
  readonly windowed?: boolean;
}

/** How a caller checks a sort: the fold and the doubt predicate as its SQL names them (the
 * emulator's macros, the drafts' pasted SQL), and what to do where the pair `previous`,
 * `current` of text key `key` meets in doubt (an error() call naming them). */
export interface SortDoubtCheck<K extends TextSortKey> {
  readonly fold: (text: string) => string;
  readonly doubt: (a: string, b: string) => string;
  readonly stop: (key: K, previous: string, current: string) => string;
}

/**
 * SQL (NULL for every row, a window expression) that stops where a sort by `keys` within
 * `partition` puts two text values side by side in doubt; each text key is checked among the
 * rows tying on the keys before it (the adjacent pairs decide a sort's whole order). The
 * neighbours are found in the order of the folded text: the collation key's order where two
 * values fold apart, and values that fold alike are never in doubt, so the same pairs are met by
 * a cheaper sort (the sort is most of the check's cost). `window`: the PARTITION BY and ORDER BY
 * of a window sorted by `partition` and `keys` (then anything), whose own sort then gives the
 * first key's neighbours. Undefined without a text key. The emulator's and the drafts' one check.
 */
export function sortDoubtCheckSql<K extends TextSortKey>(keys: readonly K[], partition: readonly string[], check: SortDoubtCheck<K>, window?: string): string | undefined {
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    // A window's value cannot partition another window (DuckDB refuses it): the text is then
    // checked among the rows tying on the other keys only, a coarser group whose sorted
    // neighbours, all sure, order every finer group surely too (each collation being transitive).
    const within = [...partition, ...keys.slice(0, i).flatMap((x) => (x.windowed === true ? [] : [x.key]))];
    const previous = i === 0 && window !== undefined ? `lag(${k.text}) OVER (${window})`
      : `lag(${k.text}) OVER (${within.length === 0 ? '' : `PARTITION BY ${within.join(', ')} `}ORDER BY ${check.fold(k.text)})`;
    // Most text is letters, digits and blanks: one regular expression per value tells such a pair
    // sure before any fold (the first branch: an unknown NULL goes on to the full check).
    const plain = (v: string): string => `regexp_full_match(CAST(${v} AS VARCHAR), '[ 0-9A-Za-z]*')`;
    return [`(CASE WHEN ${plain(k.text)} AND ${plain(previous)} THEN NULL WHEN ${check.doubt(k.text, previous)} THEN ${check.stop(k, previous, k.text)} END)`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
}

/**
 * The same check for the order an aggregate takes its values in (STRING_AGG … WITHIN GROUP,
 * ordered by `order`): the group's values gathered in that order and side by side pairs checked,
 * each text key among the values tying on the keys before it (text ones by their folded text;
 * accent variants, apart in SQL Server, are then checked once more, never less). The list is
 * named once by a lambda, and so is the first place two values meet. Undefined without a text key.
 */
export function aggregateSortDoubtCheckSql<K extends TextSortKey>(keys: readonly K[], order: string, check: SortDoubtCheck<K>): string | undefined {
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    const earlier = keys.slice(0, i).map((x) => `CAST(${x.text === undefined ? x.key : check.fold(x.text)} AS VARCHAR)`);
    const list = `list(struct_pack(t := ${earlier.length === 0 ? '0' : `[${earlier.join(', ')}]`}, v := ${k.text}) ORDER BY ${order})`;
    const v = (at: string): string => `struct_extract(__l[${at}], 'v')`;
    const meets = `list_filter(range(1, len(__l)), lambda __at: struct_extract(__l[__at], 't') IS NOT DISTINCT FROM struct_extract(__l[__at + 1], 't') AND ${check.doubt(v('__at'), v('__at + 1'))})[1]`;
    return [`list_transform([${list}], lambda __l: list_transform([${meets}], lambda __meet: CASE WHEN __meet IS NOT NULL THEN ${check.stop(k, v('__meet'), v('__meet + 1'))} END)[1])[1]`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
}
