/**
 * The text of a transform's failure as a user reads it. A drafted transform stops where the
 * legacy code's result is unknown with `error('<file>:<line>:<col>: <why>')`, which DuckDB
 * reports behind its own words (`DuckDB: Invalid Input Error: procedures/x.sql:47:5: GROUP BY: …`):
 * the located stop is given alone, as every other refusal of the tool is. Any other failure is
 * left as it came (DuckDB's words then say what failed).
 */
export function transformFailureText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const stop = /^DuckDB: (?:Error: )?Invalid Input Error: (\S[^\n]*?:\d+:\d+: [\s\S]*)$/.exec(text);
  return stop?.[1] ?? text;
}
