import type { TextRules } from './normalize-rules';

/** A per-column float tolerance; either bound is enough for two numbers to count as equal. */
export interface Tolerance {
  readonly absolute: number;
  readonly relative: number;
}

/**
 * How two tables are compared. One object drives both paths (DuckDB for files, in-memory for
 * the jest matcher), so a rule means the same thing wherever it is applied.
 */
export interface CompareOptions {
  /** Key columns (expected-side names); 'auto' to find the smallest unique non-NULL set; [] to compare rows as a multiset. */
  readonly key: readonly string[] | 'auto';
  /** Compare text case-insensitively, as SQL Server's default collation does. */
  readonly ignoreCase: boolean;
  /** Ignore trailing blanks in text (CHAR(n) padding). */
  readonly trim: boolean;
  /** Treat NULL and the empty string as the same value. */
  readonly nullEqualsEmpty: boolean;
  /** Tolerance for every numeric column. */
  readonly tolerance: Tolerance;
  /** Per-column tolerances (expected-side names), overriding `tolerance`. */
  readonly columnTolerance: Readonly<Record<string, Partial<Tolerance>>>;
  /** Columns left out of the comparison (load timestamps, GUIDs), expected-side names. */
  readonly ignore: readonly string[];
  /** Renamed columns: expected-side name -> actual-side name. */
  readonly map: Readonly<Record<string, string>>;
  /** Minimum Percentage Matched for the test to pass (0..100). */
  readonly threshold: number;
  /** How many differing records to show side by side. */
  readonly limit: number;
  /** How many rows of each input to print in the load step. */
  readonly head: number;
}

/** The defaults: exact, keyless, threshold 100. */
export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  key: [],
  ignoreCase: false,
  trim: false,
  nullEqualsEmpty: false,
  tolerance: { absolute: 0, relative: 0 },
  columnTolerance: {},
  ignore: [],
  map: {},
  threshold: 100,
  limit: 10,
  head: 5,
};

/** Options with defaults filled in. */
export function resolveCompareOptions(partial: Partial<CompareOptions> = {}): CompareOptions {
  return { ...DEFAULT_COMPARE_OPTIONS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
}

/** The tolerance that applies to one column (expected-side name). */
export function toleranceFor(options: CompareOptions, column: string): Tolerance {
  const own = options.columnTolerance[column] ?? options.columnTolerance[column.toLowerCase()];
  return { absolute: own?.absolute ?? options.tolerance.absolute, relative: own?.relative ?? options.tolerance.relative };
}

/** The text rules of the options. */
export function rulesOf(options: CompareOptions): TextRules {
  return { ignoreCase: options.ignoreCase, trim: options.trim, nullEqualsEmpty: options.nullEqualsEmpty };
}
