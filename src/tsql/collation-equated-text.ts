// Text SQL Server's default collations (SQL_Latin1_General_CP1_CI_AS, Latin1_General_CI_AS) may
// find equal to another spelling that code points keep apart: expansions (N'Straße' = N'Strasse',
// æ = ae, œ = oe, ĳ = ij), superscript digits (² = 2), ignorable characters (a soft hyphen),
// width- and kana-insensitive forms of other scripts. The emulator and the drafts both compare
// text by code points (case folded, trailing blanks cut), so where such text is compared,
// grouped, searched or matched they both stop rather than count other groups than SQL Server's.
// One definition of those characters for both: the regular expressions are RE2's (DuckDB's
// regexp_matches), the SQL builders plain DuckDB SQL over an expression given as text.

/**
 * A character whose comparison under the default collation code points may not reproduce, as an
 * RE2 regular expression: anything beyond tab, line breaks, printable ASCII and the accented Latin
 * letters of Latin-1 and Latin Extended-A, and among those the letters that expand or fold
 * otherwise (ß, æ, œ, ĳ, ŉ, ſ, ð/đ, þ, dotted and dotless i, ŀ).
 */
export const EQUATED_TEXT_CHAR = '[^\\t\\n\\r -~\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{017F}]|[ßæÆœŒĳĲŉſÐðĐđÞþİıĿŀ]';

/** A search text of ASCII punctuation and blanks only (no letter, digit or `;`, which U+037E equals). */
const PUNCTUATION_SEARCH = '[ -/:<-@\\[-`{-~]+';

/** A character beyond ASCII and the letters of the Latin, Greek and Cyrillic blocks, none of which the collation equates with punctuation. */
const BEYOND_PUNCTUATION_SAFE = '[^\\t\\n\\r -~\\x{00C0}-\\x{024F}\\x{0386}\\x{0388}-\\x{03FF}\\x{0400}-\\x{04FF}]';

/** DuckDB SQL: whether the text `sql` (a VARCHAR expression) holds such a character (NULL for NULL). */
export function equatedTextSql(sql: string): string {
  return `regexp_matches(${sql}, '${EQUATED_TEXT_CHAR}')`;
}

/**
 * DuckDB SQL: whether CHARINDEX or REPLACE of `find` in `searched` (VARCHAR expressions) may find
 * otherwise than by code points. Either text holding such a character, unless the text searched
 * for is ASCII punctuation or blanks and the text searched holds no character beyond ASCII but
 * letters of the Latin, Greek and Cyrillic blocks (`CHARINDEX(',', N'Σμιθ, Γιάννης')` stays exact).
 */
export function searchMayEquateSql(searched: string, find: string): string {
  return `((${equatedTextSql(searched)} OR ${equatedTextSql(find)}) AND NOT (regexp_full_match(${find}, '${PUNCTUATION_SEARCH}') AND NOT regexp_matches(${searched}, '${BEYOND_PUNCTUATION_SAFE}')))`;
}

/** RE2's `\x{hhhh}` as JavaScript's `\u{hhhh}` (with the u flag). */
const jsRegex = (re2: string): RegExp => new RegExp(re2.replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}'), 'u');

const EQUATED_TEXT_JS = jsRegex(EQUATED_TEXT_CHAR);

/** Whether a text known before the query runs (a literal) holds such a character: EQUATED_TEXT_CHAR in JavaScript. */
export function holdsEquatedText(text: string): boolean {
  return EQUATED_TEXT_JS.test(text);
}

/** Letters the collation expands over Unicode text (ß = ss, æ = ae, œ = oe, ĳ = ij), and the soft hyphen it ignores. */
export const LIKE_EXPANDING = '[ßæÆœŒĳĲ\\x{00AD}]';

/**
 * Whether a LIKE or PATINDEX pattern known before the query runs could match text holding an
 * expanding letter otherwise than by code points: `_` or a class other than digits (one position
 * against a letter that may count as two), the spelled-out form (ss, ae, oe, ij), or such a letter
 * itself (which matches the spelled-out form in the value). A class of digits only (`[0-9]`)
 * never holds a letter, expanded or not.
 */
export function likeExpansionRisk(pattern: string): boolean {
  return /[_[]|ss|ae|oe|ij|[ßæœĳ\u00AD]/i.test(pattern.replace(/\[[0-9-]+\]/g, '0'));
}

/** What in a value meets the pattern's expansion risk, an RE2 expression: an expanding letter, and where the pattern holds one, its spelled-out forms too. */
export function likeExpandingIn(pattern: string): string {
  return /[ßæœĳ]/i.test(pattern) ? `(?i)ss|ae|oe|ij|${LIKE_EXPANDING}` : LIKE_EXPANDING;
}

/**
 * DuckDB SQL: likeExpansionRisk and likeExpandingIn for a pattern known only at run time (`Name
 * LIKE p.Prefix + N'%'`), both VARCHAR expressions: a pattern holding an expanding letter against a
 * value holding one or its spelled-out form, or a pattern holding `_`, `[`, a spelled-out form or a
 * soft hyphen against a value holding an expanding letter.
 */
export function likeExpansionRiskSql(value: string, pattern: string): string {
  return `((regexp_matches(${pattern}, '(?i)[ßæœĳ]') AND regexp_matches(${value}, '(?i)ss|ae|oe|ij|${LIKE_EXPANDING}'))`
    + ` OR (regexp_matches(${pattern}, '(?i)[_\\[]|ss|ae|oe|ij|\\x{00AD}') AND regexp_matches(${value}, '${LIKE_EXPANDING}')))`;
}
