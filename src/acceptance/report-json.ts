import type { AcceptError, TableResult } from './table-result';

/** The `--json` object of one table, keys in the order of the DESIGN.md contract. */
export interface TableJson {
  readonly records: number;
  readonly matched: number;
  readonly changed: number;
  readonly missing: number;
  readonly extra: number;
  readonly duplicateKeys: number;
  readonly percentMatched: number;
  readonly columns: Readonly<Record<string, { readonly mismatches: number; readonly percentMatched: number }>>;
  readonly passed: boolean;
}

/** Builds the contract object for one table (every compared column, key columns included). */
export function toTableJson(r: TableResult): TableJson {
  const columns: Record<string, { mismatches: number; percentMatched: number }> = {};
  for (const c of r.columns) columns[c.name] = { mismatches: c.mismatches, percentMatched: c.percentMatched };
  return {
    records: r.records, matched: r.matched, changed: r.changed, missing: r.missing, extra: r.extra,
    duplicateKeys: r.duplicateKeys, percentMatched: r.percentMatched, columns, passed: r.passed,
  };
}

/**
 * The `--json` output. One table (`--expected/--actual`, or a config file with one table): the
 * contract object itself. Several (a multi-table config, or a folder of configs): a wrapper
 * `{"tables":[{"name","config","result":<contract object>}],"passed"}`, passed only when all did.
 */
export function renderJson(results: readonly { readonly result: TableResult; readonly origin?: string }[], single: boolean, errors: readonly AcceptError[] = []): string {
  if (single && results.length === 1 && errors.length === 0) return JSON.stringify(toTableJson((results[0] as { result: TableResult }).result));
  return JSON.stringify({
    tables: results.map((r) => ({ name: r.result.name, config: r.origin ?? null, result: toTableJson(r.result) })),
    // tables whose input could not be read (only when there are any: the contract's two fields stay as they are)
    ...(errors.length > 0 ? { errors: errors.map((e) => ({ name: e.name, config: e.origin ?? null, message: e.message })) } : {}),
    passed: errors.length === 0 && results.every((r) => r.result.passed),
  });
}
