import type { Expression, FunctionCall } from '../../../tsql';
import type { SqlTranslator } from '../expressions';

// The date part argument of DATEADD, DATEDIFF, DATEPART and DATENAME: its names and
// abbreviations as SQL Server takes them (`mm`, `m` and `month` are one part), the DuckDB part
// each stands for, and the interval a number of it adds.

/** SQL Server's date part names and abbreviations -> the part (DuckDB's name for it). */
const DATE_PARTS: Record<string, string> = {
  year: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', mm: 'month', m: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear',
  day: 'day', dd: 'day', d: 'day',
  week: 'week', wk: 'week', ww: 'week',
  weekday: 'weekday', dw: 'weekday', w: 'weekday',
  hour: 'hour', hh: 'hour',
  minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', ms: 'millisecond',
};

/** A number of a part as a DuckDB interval (DATEADD). */
export const INTERVAL_OF: Record<string, (n: string) => string> = {
  year: (n) => `to_years(${n})`,
  quarter: (n) => `to_months(3 * ${n})`,
  month: (n) => `to_months(${n})`,
  dayofyear: (n) => `to_days(${n})`,
  day: (n) => `to_days(${n})`,
  weekday: (n) => `to_days(${n})`,
  week: (n) => `to_days(7 * ${n})`,
  hour: (n) => `to_hours(${n})`,
  minute: (n) => `to_minutes(${n})`,
  second: (n) => `to_seconds(${n})`,
  millisecond: (n) => `to_milliseconds(${n})`,
};

/** Whether a date part argument is ISO_WEEK (isowk, isoww). */
export function isoWeek(e: Expression | undefined): boolean {
  return /^(?:iso_week|isowk|isoww)$/i.test(datePartText(e));
}

/** A date part argument as written (`month`, `mm`). */
export function datePartText(e: Expression | undefined): string {
  return e === undefined ? '' : e.kind === 'Literal' ? e.value : e.kind === 'ColumnRef' ? (e.parts[0]?.name ?? '') : '';
}

/** The part a date part argument names, refused (located at the call) when SQL Server has no such part. */
export function datePart(t: SqlTranslator, e: Expression | undefined, call: FunctionCall): string {
  const raw = datePartText(e);
  const part = DATE_PARTS[raw.toLowerCase()];
  if (part === undefined) throw t.state.unsupported(call, `the date part '${raw}'`);
  return part;
}
