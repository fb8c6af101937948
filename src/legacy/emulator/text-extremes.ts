import type { FunctionCall } from '../../tsql';
import type { SqlTranslator } from './expressions';
import { checkedTextExtreme } from './reproducibility/text-order-doubt';

/*
 * MIN and MAX of text under SQL Server's default collations (case-insensitive, accent-sensitive,
 * trailing blanks ignored): values that differ only in case or trailing blanks ('E11.9',
 * 'e11.9', 'E11.9 ') are one value to the collation, and which spelling of the extreme SQL
 * Server returns is the one its plan meets first. The emulator orders values by the collation
 * (tsql_collation_key of the value folded to lower case without trailing blanks, so every
 * spelling of a value has one key) and, among the spellings of the extreme, takes the least by
 * bytes, the greatest in capture's second run (order-check.ts): an output that shows a value
 * spelled two ways is listed as non-reproducible, one spelled one way keeps it.
 */

/** Each letter of the scripts the collation key orders (ASCII and the accented Latin letters) with its other case: `translate` swaps them. */
const CASE_PAIRS = ((): { readonly from: string; readonly to: string } => {
  let from = '';
  let to = '';
  for (const [lo, hi] of [[0x41, 0x5a], [0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
    for (let cp = lo; cp <= hi; cp++) {
      const c = String.fromCodePoint(cp);
      const lower = c.toLowerCase();
      if (lower === c || [...lower].length !== 1 || lower.toUpperCase() !== c) continue;
      from += c + lower;
      to += lower + c;
    }
  }
  return { from, to };
})();

/** The SQL of MIN(x) or MAX(x) (`over`: its OVER clause, or '') for text `x`, noting the read. */
export function textExtremeSql(t: SqlTranslator, call: FunctionCall, name: 'MIN' | 'MAX', x: string, over: string): string {
  t.state.noteUnorderedRead(call, (place) => `the spelling ${name}() returns at ${place} (values equal but for case or trailing blanks)`);
  const text = `CAST(${x} AS VARCHAR)`;
  const value = `encode(tsql_collation_key(lower(rtrim(${text}, ' '))))`;
  // Bytes ascending, and their reverse: each code point negated, the end above every one of them
  // (so a prefix comes after the longer spelling, as it comes before it by bytes).
  const bytes = `encode(${text})`;
  // Over a window DuckDB cannot take a lambda inside the aggregate's argument (an internal
  // error), so there the spellings' order is reversed without one: spellings of one value differ
  // only in the case of letters and in trailing blanks, so at their first difference stand a
  // letter's two cases (swapped) or one's end (a character above any, appended).
  const reversed = over === '' ? `(list_transform(string_split(${text}, ''), ch -> -unicode(ch)) || [2000000])` : `(translate(${text}, '${CASE_PAIRS.from}', '${CASE_PAIRS.to}') || chr(1114111))`;
  // arg_min takes the least spelling by `least`, arg_max the greatest by `greatest`.
  const [least, greatest] = name === 'MIN' ? [bytes, reversed] : [reversed, bytes];
  const spelling = t.state.reverseUnordered ? greatest : least;
  const extreme = `arg_${name.toLowerCase()}(${x}, CASE WHEN ${x} IS NULL THEN NULL ELSE struct_pack(v := ${value}, s := ${spelling}) END)${over}`;
  return checkedTextExtreme(t, name, extreme, x, over, call);
}
