// datetime holds its time of day in 1/300 s ticks, rounded to the nearest (the datetime page of
// the T-SQL reference: .000, .003, .007). The emulator's tsql_datetime_round macro and the drafts'
// store into a datetime column (src/draft/datetime-units.ts) build their DuckDB SQL from these
// expressions, so both round alike.
//
// What the reference documents is the rounding of milliseconds (its table: .990/.991 are .990,
// .992-.994 .993, .995-.998 .997, .999 the next second). For a finer value (a datetime2(4)-(7)
// or a time with digits past the milliseconds) it says only that datetime is rounded to 1/300 s:
// not whether the value is rounded straight to a tick, or first to whole milliseconds (rounded
// or cut), or first to whole microseconds. Where those ways give the same tick (.9995 and .99999:
// the next second by every way) the value is certain; where they do not (.0015: .000 straight,
// .003 by milliseconds rounded first; .0016667: .003, but .000 by milliseconds cut first) both
// the emulator and the drafts refuse it rather than pick one.

/** Microseconds since midnight (`us`, DuckDB SQL) as datetime's 1/300 s ticks, the nearest, half up. */
export function datetimeTicksSql(us: string): string {
  return `((${us} * 3 + 5000) // 10000)`;
}

/** Ticks (`ticks`, DuckDB SQL) back to the microseconds since midnight datetime shows: whole milliseconds (.003, .007). */
export function ticksMicrosecondsSql(ticks: string): string {
  return `((${ticks} * 10 + 1) // 3 * 1000)`;
}

/**
 * Whether the tick of `us` (microseconds since midnight, DuckDB SQL) is one the documentation
 * does not settle (a boolean): it has digits past the milliseconds, and rounding it straight to a
 * tick differs from rounding or cutting it to whole milliseconds first.
 */
export function undocumentedTicksSql(us: string): string {
  const straight = datetimeTicksSql(us);
  return `(${us} % 1000 <> 0 AND (${straight} <> ${datetimeTicksSql(`(${us} // 1000 * 1000)`)} OR ${straight} <> ${datetimeTicksSql(`((${us} + 500) // 1000 * 1000)`)}))`;
}

/** 100 ns units since midnight (`units`, DuckDB SQL: datetime2(7)'s grain) as datetime's ticks, the nearest, half up. */
export function datetimeTicksOf100nsSql(units: string): string {
  return `((${units} * 3 + 50000) // 100000)`;
}

/**
 * undocumentedTicksSql for 100 ns units since midnight (a datetime2(7) value), where rounding to
 * whole microseconds first is a fourth way.
 */
export function undocumentedTicksOf100nsSql(units: string): string {
  const straight = datetimeTicksOf100nsSql(units);
  const via = (rounded: string): string => `${straight} <> ${datetimeTicksOf100nsSql(rounded)}`;
  return `(${units} % 10000 <> 0 AND (${via(`(${units} // 10000 * 10000)`)} OR ${via(`((${units} + 5000) // 10000 * 10000)`)} OR ${via(`((${units} + 5) // 10 * 10)`)}))`;
}
