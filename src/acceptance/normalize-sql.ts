import type { Tolerance } from './compare-options';
import { DATETIME_PATTERNS, FALSE_WORDS, NUMERIC_TEXT, TOLERANCE_SLACK, TRUE_WORDS, type PairClass, type TextRules, type ValueKind } from './normalize-rules';

// The SQL twin of normalize-rules.ts: each function writes, as a DuckDB expression, exactly the
// rule its in-memory counterpart applies (tests/unit/acceptance/normalize-agreement.test.ts runs
// both on the same values). Expressions take already-quoted column references.

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const num = (n: number): string => (Number.isFinite(n) ? `${n}::DOUBLE` : n > 0 ? `'inf'::DOUBLE` : `'-inf'::DOUBLE`);

/** One side of a column pair, prepared: NULL test, parsed value, text fallback. */
export interface SqlPrepared {
  readonly isNull: string;
  readonly parsed: string;
  readonly text: string;
}

/** Normalised text of any value: CAST to VARCHAR, trailing blanks, case, '' as NULL. */
export function sqlText(expr: string, kind: ValueKind, rules: TextRules): string {
  let s = kind === 'text' ? expr : `CAST(${expr} AS VARCHAR)`;
  if (rules.trim) s = `rtrim(${s}, ' ')`;
  if (rules.ignoreCase) s = `lower(${s})`;
  return rules.nullEqualsEmpty ? `nullif(${s}, '')` : s;
}

function sqlIsNull(expr: string, kind: ValueKind, rules: TextRules): string {
  if (kind !== 'text' || !rules.nullEqualsEmpty) return `(${expr} IS NULL)`;
  return `(${expr} IS NULL OR ${rules.trim ? `rtrim(${expr}, ' ')` : expr} = '')`;
}

/**
 * A date or timestamp column's instant as the fixed-width UTC text parseDateTime gives
 * (`YYYY-MM-DD HH:MM:SS.fffffffff`): TIMESTAMP_NS with all 9 digits, TIMESTAMP WITH TIME ZONE
 * at its UTC instant whatever the session's TimeZone, other kinds at microseconds.
 */
export function sqlTimestampText(expr: string, type: string | undefined): string {
  const t = (type ?? '').toUpperCase();
  if (t === 'TIMESTAMP_NS') return `strftime(${expr}, '%Y-%m-%d %H:%M:%S.%n')`;
  if (t === 'TIMESTAMP WITH TIME ZONE' || t === 'TIMESTAMPTZ') return `(strftime(make_timestamp(epoch_us(${expr})), '%Y-%m-%d %H:%M:%S.%f') || '000')`;
  return `(strftime(CAST(${expr} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '000')`;
}

function sqlParsed(expr: string, kind: ValueKind, cls: PairClass, type?: string): string {
  const raw = kind === 'text' ? expr : `CAST(${expr} AS VARCHAR)`;
  const trimmed = `trim(${raw}, ' ')`;
  switch (cls) {
    case 'number':
      return kind === 'text' ? `CASE WHEN regexp_full_match(${trimmed}, ${lit(NUMERIC_TEXT)}) THEN TRY_CAST(${trimmed} AS DOUBLE) END` : `CAST(${expr} AS DOUBLE)`;
    case 'boolean':
      if (kind === 'boolean') return expr;
      if (kind === 'integer') return `CASE WHEN ${expr} = 1 THEN true WHEN ${expr} = 0 THEN false END`;
      return `CASE WHEN lower(${trimmed}) IN (${TRUE_WORDS.map(lit).join(', ')}) THEN true WHEN lower(${trimmed}) IN (${FALSE_WORDS.map(lit).join(', ')}) THEN false END`;
    case 'timestamp':
      return kind === 'text' ? sqlParseIsoFirst(trimmed) : sqlTimestampText(expr, type);
    default:
      return expr;
  }
}

/** ISO text DuckDB's TIMESTAMP_NS cast reads exactly as sqlParseDateTime does: seconds, at most 9 fraction digits, no offset. */
const ISO_SECONDS = '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?$';

/**
 * sqlParseDateTime with a fast lane for the form nearly every export writes: one regular
 * expression and DuckDB's own TIMESTAMP_NS cast instead of four patterns of seven extracts each
 * (a timestamp key of a CSV, held as text, is parsed on every row). The lane is kept to what
 * both read alike: hours to 23 (the cast takes 24:00:00 as the next day), years 1678-2261 (the
 * cast's range, past whose edges even TRY_CAST fails); an invalid date falls through to the
 * patterns, which say the same (not a date).
 */
function sqlParseIsoFirst(s: string): string {
  const lane = `regexp_full_match(${s}, ${lit(ISO_SECONDS)}) AND substr(${s}, 1, 4) BETWEEN '1678' AND '2261' AND substr(${s}, 12, 2) <= '23'`;
  return `CASE WHEN ${lane} THEN coalesce(strftime(TRY_CAST(${s} AS TIMESTAMP_NS), '%Y-%m-%d %H:%M:%S.%n'), ${sqlParseDateTime(s)}) ELSE ${sqlParseDateTime(s)} END`;
}

/** SQL Server's text datetimes (DATETIME_PATTERNS) parsed to parseDateTime's UTC text; NULL when none fits. */
function sqlParseDateTime(s: string): string {
  const whens = DATETIME_PATTERNS.map((p) => {
    const g = (i: number): string => `regexp_extract(${s}, ${lit(p.re)}, ${i})`;
    const int = (i: number): string => `coalesce(TRY_CAST(nullif(${g(i)}, '') AS INTEGER), 0)`;
    const [y, m, d] = p.order === 'ymd' ? [int(1), int(2), int(3)]
      : p.order === 'mdy' ? [int(3), int(1), int(2)]
        : [int(3), `list_position(['jan','feb','mar','apr','may','jun','jul','aug','sep','oct','nov','dec'], lower(${g(1)}))`, int(2)];
    const ampm = p.order === 'mon' ? `lower(${g(8)})` : `''`;
    const hour12 = `(${int(4)} % 12 + CASE WHEN ${ampm} = 'pm' THEN 12 ELSE 0 END)`;
    const hour = `CASE WHEN ${ampm} = '' THEN ${int(4)} WHEN ${int(4)} BETWEEN 1 AND 12 THEN ${hour12} END`;
    const fraction = `left(rpad(${g(7)}, 9, '0'), 9)`;
    // offsetMinutes' rule: '' and Z are UTC, ±hh:mm (±hhmm, ±hh) up to 14 hours; the value moves to UTC
    const off = p.offset === undefined ? undefined : g(p.offset);
    const offHours = off === undefined ? '' : `TRY_CAST(substr(${off}, 2, 2) AS INTEGER)`;
    const offMinutes = off === undefined ? '' : `CASE WHEN length(${off}) = 3 THEN 0 ELSE TRY_CAST(substr(${off}, CASE WHEN substr(${off}, 4, 1) = ':' THEN 5 ELSE 4 END, 2) AS INTEGER) END`;
    const offValid = off === undefined ? '' : ` AND (${off} IN ('', 'Z') OR (${offHours} <= 14 AND ${offMinutes} <= 59))`;
    const shift = off === undefined ? '' : ` - to_minutes(CASE WHEN ${off} IN ('', 'Z') THEN 0 ELSE (CASE WHEN left(${off}, 1) = '-' THEN -1 ELSE 1 END) * (${offHours} * 60 + ${offMinutes}) END)`;
    const valid = `${hour} <= 23 AND ${int(5)} <= 59 AND ${int(6)} <= 59${offValid}`;
    return `WHEN regexp_full_match(${s}, ${lit(p.re)}) THEN CASE WHEN ${valid} THEN strftime(try(make_timestamp(${y}, ${m}, ${d}, ${hour}, ${int(5)}, ${int(6)}::DOUBLE))${shift}, '%Y-%m-%d %H:%M:%S') || '.' || ${fraction} END`;
  });
  return `CASE ${whens.join(' ')} END`;
}

/** Prepares one side of a pair for comparison (see prepareValue); `type` is the column's DuckDB type (timestamps need it). */
export function sqlPrepare(expr: string, kind: ValueKind, cls: PairClass, rules: TextRules, type?: string): SqlPrepared {
  const textRules = cls === 'text' ? rules : { ...rules, trim: true };
  const text = cls === 'boolean' ? `lower(trim(${kind === 'text' ? expr : `CAST(${expr} AS VARCHAR)`}, ' '))` : sqlText(expr, kind, textRules);
  return { isNull: sqlIsNull(expr, kind, rules), parsed: sqlParsed(expr, kind, cls, type), text };
}

/** A boolean SQL expression: whether the expected and actual values are equal (never NULL). */
export function sqlEquals(e: SqlPrepared, a: SqlPrepared, eRaw: string, aRaw: string, cls: PairClass, tol: Tolerance): string {
  if (cls === 'text') return `(${e.text} IS NOT DISTINCT FROM ${a.text})`;
  if (cls === 'exact' || cls === 'integer' || cls === 'decimal') return `(${eRaw} IS NOT DISTINCT FROM ${aRaw})`;
  const [pe, pa] = [e.parsed, a.parsed];
  let cmp = `${pe} = ${pa}`;
  if (cls === 'number' && (tol.absolute > 0 || tol.relative > 0)) {
    const diff = `abs(${pe} - ${pa})`;
    const m = `greatest(abs(${pe}), abs(${pa}))`;
    const slack = `${num(TOLERANCE_SLACK)} * ${m}`;
    const bounds = [tol.absolute > 0 ? `${diff} <= ${num(tol.absolute)} + ${slack}` : '', tol.relative > 0 ? `${diff} <= ${num(tol.relative)} * ${m} + ${slack}` : ''].filter(Boolean);
    cmp = `(${pe} = ${pa} OR (isfinite(${pe}) AND isfinite(${pa}) AND (${bounds.join(' OR ')})))`;
  }
  return `(CASE WHEN ${e.isNull} OR ${a.isNull} THEN ${e.isNull} AND ${a.isNull} `
    + `WHEN (${pe}) IS NOT NULL AND (${pa}) IS NOT NULL THEN ${cmp} `
    + `WHEN (${pe}) IS NULL AND (${pa}) IS NULL THEN ${e.text} IS NOT DISTINCT FROM ${a.text} ELSE false END)`;
}

/**
 * The join key of one side: equal for two values exactly when they count as the same key.
 * Same-kind columns join on the raw value (fast), timestamps only when both sides have the same
 * type (DuckDB would otherwise cast one to the other: a TIMESTAMPTZ through the session's
 * TimeZone, a TIMESTAMP past 2262 into TIMESTAMP_NS); other pairs join on a tagged text form.
 */
export function sqlKey(expr: string, kind: ValueKind, otherKind: ValueKind, cls: PairClass, rules: TextRules, types?: readonly [string | undefined, string | undefined]): string {
  if (cls === 'text') return sqlText(expr, kind, rules);
  const sameType = kind !== 'timestamp' || (types !== undefined && (types[0] ?? '').toUpperCase() === (types[1] ?? '').toUpperCase());
  if ((kind === otherKind && kind !== 'text' && sameType) || cls === 'exact' || cls === 'integer' || cls === 'decimal') return expr;
  const p = sqlPrepare(expr, kind, cls, rules, types?.[0]);
  // coalesce, not CASE WHEN parsed IS NOT NULL THEN parsed: the parse runs once per row, not twice
  return `CASE WHEN ${p.isNull} THEN NULL ELSE coalesce('p:' || CAST(${p.parsed} AS VARCHAR), 't:' || ${p.text}) END`;
}
