import type { FunctionCall } from '../tsql';
import { translated, type Translated } from './draft-model';
import { locatedStop, type DraftScope } from './draft-scope';
import { collationKey, equatedTextStop, stringLiteral } from './sql-text';
import { textExtremeDoubtSql, TEXT_ORDER_DOUBT } from './text-order-doubt';

/** The errors MIN/MAX of text stop with where the collation's answer is not reproduced. */
const TEXT_EXTREME_CHARS = 'MIN/MAX of text holding characters outside ASCII and its accented letters (ß, æ, ø, other scripts) or control characters: the collation orders them by rules the draft does not reproduce';
const TEXT_EXTREME_TIES = 'MIN/MAX of text over values equal under the collation but spelled differently (case, trailing blanks): SQL Server returns either';
const TEXT_EXTREME_ACCENTS = 'MIN/MAX of text over values differing only in accents (\'Jose\', \'José\'): the order the collation gives accents is not reproduced';

/*
 * MIN/MAX of text by the default case-insensitive collation. Over letters (accented Latin ones
 * as their base letter: 'Ångström' beside 'Angel', not after 'z'), digits and spaces that order
 * is the order of lower(strip_accents(rtrim(x))) (space < digits < letters, case and trailing
 * blanks ignored), and so is ASCII punctuation except where it decides the extreme (stopped, as
 * the emulator stops it: text-order-doubt.ts); other characters, two values differing only in
 * accents (whose order the collation's accent weights decide), or two spellings of one value
 * (which SQL Server may return either of), stop the query with an error; text the collation may equate with another
 * spelling (ß and ss) stops it at once, as the emulator's MIN/MAX (tsql_collation_key) does.
 */
/**
 * MIN or MAX (`name`) of text `v`, as an aggregate, or over a window when `over` is its
 * ` OVER (…)` clause (every aggregate inside then takes it: the same checks over the window's
 * rows, as the emulator's checkedTextExtreme appends its OVER).
 */
export function textExtreme(name: string, v: Translated, scope: DraftScope, call: FunctionCall, over = ''): Translated {
  const key = collationKey(v.sql, locatedStop(scope.ctx, call.span, equatedTextStop(`${name.toUpperCase()}()`)));
  const base = `lower(strip_accents(${key}))`;
  const pick = name === 'min' ? 'arg_min' : 'arg_max';
  // Other characters only matter when there is something to order: one value (in any number of rows) is its own extreme.
  // Punctuation stops only where it decides the extreme, as the emulator's MIN/MAX (text-order-doubt.ts).
  const doubt = textExtremeDoubtSql(name as 'min' | 'max', v.sql, `${pick}(${v.sql}, ${base})${over}`, locatedStop(scope.ctx, call.span, `${name.toUpperCase()}(): ${TEXT_ORDER_DOUBT}`), over);
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, call.span, why))})`;
  return translated(`(CASE WHEN count(DISTINCT ${key})${over} > 1 AND bool_or(NOT regexp_full_match(strip_accents(${v.sql}), '[ -~]*'))${over} THEN ${stop(TEXT_EXTREME_CHARS)}
    WHEN ${doubt} IS NOT NULL THEN NULL
    WHEN count(DISTINCT ${v.sql})${over} <> count(DISTINCT ${key})${over} THEN ${stop(TEXT_EXTREME_TIES)}
    WHEN count(DISTINCT ${base})${over} <> count(DISTINCT ${key})${over} THEN ${stop(TEXT_EXTREME_ACCENTS)}
    ELSE ${pick}(${v.sql}, ${base})${over} END)`, v.type);
}
