/*
 * DuckDB expands a macro as text: every reference to a parameter becomes a copy of the
 * argument's whole expression, bound, planned and evaluated as often as it is copied. The
 * date/time conversions read their argument 3 to 28 times and call one another, so the text of a
 * datetime column loaded from data, `tsql_datetime_in_range(tsql_to_datetime(tsql_text_to_dtm(s)))`,
 * expanded to some 1,500 copies of `s` and its regular expressions: half a second to bind the
 * statement, and 20x the work per row (loading 100,000 datetime texts took 8-10 s, 0.45 s read
 * once). A statement of a loop body paid it on every pass.
 *
 * Such a macro is installed reading its first argument once: its body as written, applied by a
 * lambda to a list of that one value. The argument is computed once per row, and each macro's
 * expansion grows with its caller's by a constant, not a factor. Same value, same errors: every
 * macro written so reads its first argument on every path (its first test is on it), so the
 * argument is computed for the same rows as before. The lambda's parameter is named for its
 * macro, so two calls of one macro on one argument are one expression to DuckDB (GROUP BY
 * UPPER(x) with SELECT UPPER(x) still match).
 *
 * DuckDB takes no lambda in a CHECK constraint, a DEFAULT or a computed column. There each macro's
 * `_inline` twin is called, the body as written with plain calls (inlineMacroCalls): slow to bind
 * but bound once, when the table is made.
 */

/**
 * The macros installed reading their first argument once: the date/time conversions and the text
 * functions a real procedure nests (REPLACE(REPLACE(REPLACE(…))) into a varchar column read the
 * text 6 x 6 x 6 x 6 times), each of whose first test, or whose every path, reads it. (SUBSTRING,
 * LEFT, RIGHT and STUFF read the text only past a test of the other arguments: not here. Nor the
 * keys text is compared, grouped and ordered by, tsql_str and tsql_collation_key, over columns
 * nearly always, which windows' OVER and GROUP BY must spell alike.)
 */
const READ_ONCE = new Set([
  'tsql_len', 'tsql_bmp', 'tsql_upper', 'tsql_replace', 'tsql_fit_text', 'tsql_isnumeric', 'tsql_unicode', 'tsql_parsename',
  'tsql_try_text_to_ts', 'tsql_text_to_ts', 'tsql_dmy_text', 'tsql_try_text_to_dtm', 'tsql_bad_numeric_day', 'tsql_text_to_dtm',
  'tsql_datetime_in_range', 'tsql_smalldatetime_in_range', 'tsql_try_text_to_dto', 'tsql_text_to_dto', 'tsql_text_to_time',
  'tsql_try_text_to_dt2', 'tsql_text_to_dt2', 'tsql_round_us', 'tsql_dt2_text_round_us', 'tsql_datetime_round', 'tsql_to_datetime',
  'tsql_dt2_text_to_datetime', 'tsql_smalldatetime_round',
]);

const CALL = new RegExp(`\\b(${[...READ_ONCE].join('|')})\\s*\\(`, 'g');

/** `sql` (a table definition's expression) calling the read-once macros' lambda-free twins. */
export function inlineMacroCalls(sql: string): string {
  return sql.replace(CALL, (_m, name: string) => `${name}_inline(`);
}

/**
 * The macro definitions as installed: each read-once macro as its lambda form and its `_inline`
 * twin, the others as they are. Throws on a read-once macro whose definition it cannot read
 * (a programming error, met by the macro tests).
 */
export function withReadOnceMacros(definitions: readonly string[]): string[] {
  return definitions.flatMap((definition) => {
    const m = /^CREATE OR REPLACE MACRO (\w+)\(([^)]*)\) AS\s/.exec(definition);
    const name = m?.[1];
    if (m === null || name === undefined || !READ_ONCE.has(name)) return [definition];
    const params = (m[2] ?? '').split(',').map((p) => p.trim());
    const first = params[0] ?? '';
    if (!/^\w+$/.test(first)) throw new Error(`read-once macro ${name}: first parameter '${first}' is not a plain name`);
    const body = definition.slice(m[0].length);
    const head = `CREATE OR REPLACE MACRO ${name}`;
    // The lambda's parameter is named for its macro, so no column or outer lambda's name is taken.
    const value = `${name}__v`;
    return [
      `${head}_inline(${m[2]}) AS ${inlineMacroCalls(body)}`,
      `${head}(${m[2]}) AS list_transform([${first}], lambda ${value}: ${renameIdentifier(body, first, value)})[1]`,
    ];
  });
}

/** `sql` with every identifier `from` (outside string literals) written `to`. */
export function renameIdentifier(sql: string, from: string, to: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === "'") {
      // a literal through its closing quote ('' inside it is an escaped quote)
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /\w/.test(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      out += word === from ? to : word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
