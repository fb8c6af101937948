import type { Row } from '../engine';
import { resolveCompareOptions, type CompareOptions, type Tolerance } from './compare-options';
import { compareRows } from './compare-rows';
import { unifiedDiffOf, verdictLine } from './format-values';
import { renderSamples } from './report-text';

/** Options of `toMatchTable`: the `migrate accept` rules, in the short forms a test wants. */
export interface TableMatchOptions {
  /** Key column(s), or 'auto'; none = compare rows as a multiset. */
  readonly key?: string | readonly string[] | 'auto';
  /** Absolute tolerance for every number, or per column `{ amount: 0.005 }`. */
  readonly tolerance?: number | Readonly<Record<string, number>>;
  /** Relative tolerance for every number, or per column. */
  readonly relativeTolerance?: number | Readonly<Record<string, number>>;
  readonly ignoreCase?: boolean;
  readonly trim?: boolean;
  readonly nullEqualsEmpty?: boolean;
  readonly ignore?: readonly string[];
  readonly map?: Readonly<Record<string, string>>;
  /** Differing records shown in the failure message (default 10). */
  readonly limit?: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting jest's own global namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- must repeat jest's signature to merge
    interface Matchers<R, T = {}> {
      /**
       * Passes when the received rows equal `expected` under the rules of `migrate accept`
       * (key, tolerances, trim, case, NULL vs empty). The failure message shows the counts,
       * the differing rows side by side and a unified diff.
       */
      toMatchTable(expected: readonly Record<string, unknown>[], options?: TableMatchOptions): R;
    }
  }
}

/** Converts matcher options to CompareOptions (threshold 100: a matcher is exact about records). */
export function toCompareOptions(o: TableMatchOptions = {}): CompareOptions {
  const split = (v: number | Readonly<Record<string, number>> | undefined, field: keyof Tolerance, per: Record<string, Partial<Tolerance>>): number => {
    if (typeof v === 'number') return v;
    for (const [c, n] of Object.entries(v ?? {})) per[c] = { ...per[c], [field]: n };
    return 0;
  };
  const per: Record<string, Partial<Tolerance>> = {};
  const absolute = split(o.tolerance, 'absolute', per);
  const relative = split(o.relativeTolerance, 'relative', per);
  const key = o.key === undefined ? [] : o.key === 'auto' ? 'auto' : typeof o.key === 'string' ? [o.key] : o.key;
  return resolveCompareOptions({
    key, tolerance: { absolute, relative }, columnTolerance: per,
    ignoreCase: o.ignoreCase ?? false, trim: o.trim ?? false, nullEqualsEmpty: o.nullEqualsEmpty ?? false,
    ignore: o.ignore ?? [], map: o.map ?? {}, limit: o.limit ?? 10, head: 0, threshold: 100,
  });
}

/** The result a jest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * The `toMatchTable` matcher: `expect(actualRows).toMatchTable(expectedRows, { key, tolerance })`.
 * Compares in memory with the same normalisation as the DuckDB path.
 */
export function toMatchTable(received: unknown, expected: readonly Record<string, unknown>[], options?: TableMatchOptions): MatcherResult {
  if (!Array.isArray(received)) return { pass: false, message: () => `toMatchTable: received must be an array of row objects, got ${typeof received}` };
  if (!Array.isArray(expected)) return { pass: false, message: () => 'toMatchTable: expected must be an array of row objects' };
  const result = compareRows('table', expected as Row[], received as Row[], toCompareOptions(options));
  const pass = result.matched === result.records;
  const message = (): string => {
    if (pass) return `expected the rows not to match the table, but they do (${result.records} records)`;
    const differing = result.columns.filter((c) => c.mismatches > 0).map((c) => `${c.name} (${c.mismatches})`);
    return [
      verdictLine(result),
      differing.length ? `differing columns: ${differing.join(', ')}` : '',
      renderSamples(result),
      unifiedDiffOf(result).trimEnd(),
    ].filter(Boolean).join('\n\n');
  };
  return { pass, message };
}

/** Registers the acceptance matchers with jest: `registerMatchers(expect)` in a setup file. */
export function registerMatchers(expectObject: { extend(matchers: never): void }): void {
  expectObject.extend({ toMatchTable } as never);
}
