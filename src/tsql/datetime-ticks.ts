// datetime holds its time of day in 1/300 s ticks, rounded to the nearest (the datetime page of
// the T-SQL reference: .000, .003, .007). The emulator's tsql_datetime_round macro and the drafts'
// store into a datetime column (src/draft/datetime-units.ts) build their DuckDB SQL from these two
// expressions, so both round alike.

/** Microseconds since midnight (`us`, DuckDB SQL) as datetime's 1/300 s ticks, the nearest, half up. */
export function datetimeTicksSql(us: string): string {
  return `((${us} * 3 + 5000) // 10000)`;
}

/** Ticks (`ticks`, DuckDB SQL) back to the microseconds since midnight datetime shows: whole milliseconds (.003, .007). */
export function ticksMicrosecondsSql(ticks: string): string {
  return `((${ticks} * 10 + 1) // 3 * 1000)`;
}
