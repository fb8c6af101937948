import type { FunctionCall } from '../tsql';
import { likeClassLimits, likeRangeExactText, likeToRegex, likeTrailingBlanksIrrelevant } from '../tsql';
import { translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { likeExpansionWhen, stringLiteral } from './sql-text';
import { INT } from './sql-types';

type Result = Translated | Refusal;

/**
 * PATINDEX('%pattern%', text): the 1-based position where the first match starts, 0 when there
 * is none, matched as LIKE matches (`%`, `_`, `[0-9]` classes, case-insensitive like the
 * collation), as the emulator computes it. Only a constant pattern is translated; what SQL
 * Server's documentation leaves open is refused, or stops the query where the data meets it: an
 * empty or all-`%` pattern, classes ordered by the collation (`^` as a member, ranges other than
 * digits or letters of one case, and then values beyond printable ASCII), a value ending in
 * blanks where the pattern could tell (LIKE ignores them over varchar, PATINDEX is not documented to; likeTrailingBlanksIrrelevant), characters past
 * U+FFFF (SQL Server counts each as two positions), and a pattern that may meet an expanding
 * letter (`_`, a class, ss against N'Straße') over text holding one, as the emulator refuses it.
 */
export function translatePatindex(call: FunctionCall, value: Translated | undefined, scope: DraftScope): Result {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'PATINDEX()', why);
  const p = call.args[0];
  if (p?.kind !== 'Literal' || (p.literalType !== 'string' && p.literalType !== 'nstring') || value === undefined || call.args.length !== 2) return refuse('only PATINDEX of a constant pattern over text is translated');
  if (value.type.family !== 'string') return refuse(`the value is ${value.type.family}, converted to text implicitly in SQL Server`);
  if (/^%*$/.test(p.value)) return refuse(`the result of the pattern '${p.value}' is not documented`);
  const limits = likeClassLimits(p.value);
  if (limits.problem !== undefined) return refuse(`PATINDEX with ${limits.problem}`);
  const v = value.sql;
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, call.span, why))})`;
  const rest = likeToRegex(p.value.replace(/^%+/, ''));
  const found = p.value.startsWith('%')
    ? `CASE WHEN regexp_full_match(${v}, ${stringLiteral(`.*?(?:${rest})`)}, 'is') THEN CAST(length(regexp_extract(${v}, ${stringLiteral(`^(.*?)(?:${rest})$`)}, 1, 'is')) + 1 AS INTEGER) ELSE 0 END`
    : `CASE WHEN regexp_full_match(${v}, ${stringLiteral(rest)}, 'is') THEN 1 ELSE 0 END`;
  const ascii = limits.ranges ? ` WHEN NOT regexp_full_match(${v}, '${likeRangeExactText(limits)}', 's') THEN ${stop('PATINDEX with a [ ] range over text holding characters beyond printable ASCII (SQL Server orders them by the collation)')}` : '';
  return translated(`(CASE WHEN ${v} IS NULL THEN NULL`
    + (likeTrailingBlanksIrrelevant(p.value) ? '' : ` WHEN ${v} <> rtrim(${v}, ' ') THEN ${stop('PATINDEX over text ending in blanks with a pattern that may match them or must reach the end (SQL Server does not document whether they count): RTRIM the value')}`)
    + ` WHEN regexp_matches(${v}, '[\\x{10000}-\\x{10FFFF}]') THEN ${stop('PATINDEX over text holding characters past U+FFFF (SQL Server counts each as two positions)')}`
    + `${likeExpansionWhen(v, p.value, 'PATINDEX', (m) => locatedStop(scope.ctx, call.span, m))}${ascii} ELSE ${found} END)`, INT);
}
