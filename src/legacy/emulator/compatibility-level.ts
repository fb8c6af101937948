import type { TsqlFailure } from './engine-errors';

// What depends on the legacy database's compatibility level (the workspace's
// legacy.compatibilityLevel, or `--compatibility-level`), which no script states:
// - a datetime holds 1/300 s ticks, shown rounded to .000/.003/.007. Below level 130 every
//   calculation used that rounded value; from 130 conversions to a finer type, comparisons with
//   one, DATEPART and DATEDIFF of milliseconds use the exact tick (.003 is .0033333…, .007 is
//   .0066666…; KB 4010261 "SQL Server 2016 improvements in handling some data types");
// - text too long for its column is error 8152 ("String or binary data would be truncated.")
//   below level 150 and 2628 (naming table, column and value) from 150.
// Without the level those results are refused, each where it is met.

/** What a refusal tells the user to give. */
export const GIVE_LEVEL = 'give the legacy database\'s level: legacy.compatibilityLevel in migrate.config.yaml, or --compatibility-level';

/**
 * The level's macros, run in one round trip with the set-up's others: `tsql_dtm_thirds(ts, what)`,
 * the third of a millisecond by which a datetime's exact tick differs from the milliseconds
 * DuckDB holds (+1 for .xx3, -1 for .xx7, 0 for .xx0) at levels from 130, always 0 below; without
 * a level, an error naming `what` where it is not 0. `tsql_dtm_maybe` likewise for a value of no
 * tracked type.
 */
export function compatibilityLevelMacros(level: number | undefined): string[] {
  const lastDigit = "CAST(date_part('millisecond', ts) AS INTEGER) % 10";
  const body = level === undefined
    ? `CASE WHEN ${lastDigit} IN (3, 7) THEN CAST(error('the emulator does not support ' || what || ' of a datetime whose milliseconds end in 3 or 7 without the database''s compatibility level (its exact 1/300 s tick counts from level 130, the rounded milliseconds below): ${GIVE_LEVEL.replace(/'/g, "''")}') AS INTEGER) ELSE 0 END`
    : level >= 130 ? `CASE ${lastDigit} WHEN 3 THEN 1 WHEN 7 THEN -1 ELSE 0 END` : '0';
  // A value that may be a datetime or a datetime2 (its type not tracked): 0 below level 130, where
  // both read as their milliseconds; refused elsewhere where a datetime's tick would differ.
  const maybe = level !== undefined && level < 130 ? '0'
    : `CASE WHEN ${lastDigit} IN (3, 7) THEN CAST(error('the emulator does not support ' || what || ' of a value ending in 3 or 7 ms whose type it does not track (a datetime''s exact 1/300 s tick counts from compatibility level 130, a datetime2''s milliseconds are exact): CAST it to datetime or datetime2 first${level === undefined ? `, and ${GIVE_LEVEL.replace(/'/g, "''")}` : ''}') AS INTEGER) ELSE 0 END`;
  return [`CREATE OR REPLACE MACRO tsql_dtm_thirds(ts, what) AS (${body})`, `CREATE OR REPLACE MACRO tsql_dtm_maybe(ts, what) AS (${maybe})`];
}


/**
 * A truncation error (raised as 2628 by the emulator's macros) as the database's level raises
 * it: 8152 with its one-line text below 150; 2628, whose text names the database, from 150;
 * unchanged without a level (reading its number is refused then: statement-errors.ts).
 */
export function truncationAtLevel(failure: TsqlFailure, level: number | undefined): TsqlFailure {
  if (failure.number !== 2628 || level === undefined || level >= 150) return failure;
  return { number: 8152, message: 'String or binary data would be truncated.' };
}

/** A comparison's side as the emulator holds it. */
interface Side { readonly sql: string; readonly family: string; readonly duckType?: string; readonly tsqlType?: { readonly name: string } }

const isDatetime = (f: Side): boolean => f.family === 'datetime' && f.tsqlType?.name.toLowerCase() === 'datetime';
const isDatetime2 = (f: Side): boolean => f.family === 'datetime' && (f.duckType === 'VARCHAR' || f.tsqlType?.name.toLowerCase() === 'datetime2');

/** A date/time value in thirds of 100 ns since 1970 (HUGEINT): exact for datetime's ticks and datetime2's 7 digits. */
function thirdsOf100ns(f: Side): string {
  if (isDatetime(f)) return `(CAST(epoch_us(CAST(${f.sql} AS TIMESTAMP)) AS HUGEINT) * 30 + tsql_dtm_thirds(CAST(${f.sql} AS TIMESTAMP), 'comparing with a datetime2 value') * 10000)`;
  // datetime2(7) text: its first 26 characters are a TIMESTAMP, the 27th its 100 ns digit.
  if (f.duckType === 'VARCHAR') return `((CAST(epoch_us(CAST(substr(${f.sql}, 1, 26) AS TIMESTAMP)) AS HUGEINT) * 10 + CAST(substr(${f.sql}, 27, 1) AS INTEGER)) * 3)`;
  return `(CAST(epoch_us(CAST(${f.sql} AS TIMESTAMP)) AS HUGEINT) * 30)`;
}

/**
 * A datetime compared with a datetime2 (`op` is DuckDB's operator): from level 130 SQL Server
 * compares the datetime's exact tick, so '…29.187' is below datetime2 '…29.1866667' though it
 * converts to it; below 130 the rounded milliseconds. Undefined for other pairs.
 */
export function datetimeVersusDatetime2(op: string, left: Side, right: Side): string | undefined {
  if (!((isDatetime(left) && isDatetime2(right)) || (isDatetime2(left) && isDatetime(right)))) return undefined;
  return `(${thirdsOf100ns(left)} ${op} ${thirdsOf100ns(right)})`;
}

/**
 * A date/time value's milliseconds boundary as DATEPART and DATEDIFF of milliseconds count it:
 * `ts` (a TIMESTAMP) one millisecond back where it is a datetime ending in .xx7 at level 130 and
 * up, whose exact tick .xx6666… lies before that boundary (.xx3333… does not cross one). A value
 * whose type the emulator does not track (`maybe`: a CASE of datetime columns) is refused there
 * unless the level is below 130, where every type gives the same answer.
 */
export function millisecondBoundary(ts: string, datetime: 'yes' | 'maybe' | 'no', what: string): string {
  if (datetime === 'no') return ts;
  const seventh = `CAST(date_part('millisecond', ${ts}) AS INTEGER) % 10 = 7`;
  const shift = datetime === 'yes' ? `least(tsql_dtm_thirds(${ts}, '${what}'), 0)` : `tsql_dtm_maybe(${ts}, '${what}')`;
  return `(CASE WHEN ${seventh} THEN ${ts} + to_milliseconds(${shift}) ELSE ${ts} END)`;
}

/**
 * `left [NOT] IN (items)` where a datetime meets a datetime2 among them: each pair compared as
 * datetimeVersusDatetime2 compares it (`x IN (a, b)` is `x = a OR x = b`, NULLs alike), since a
 * list compared as one type would convert the datetime to the datetime2's rounded digits.
 * `equal` compares one pair as the translator's `=` does. Undefined for other lists.
 */
export function datetimeInList<T extends Side>(left: T, items: readonly T[], not: boolean, equal: (a: T, b: T) => string): string | undefined {
  if (!items.some((i) => datetimeVersusDatetime2('=', left, i) !== undefined)) return undefined;
  return `(${not ? 'NOT ' : ''}(${items.map((i) => equal(left, i)).join(' OR ')}))`;
}
