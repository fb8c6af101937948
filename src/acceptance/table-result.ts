import type { Row, SourceColumn } from '../engine';
import type { PairClass } from './normalize-rules';

/** What was loaded for one side: the step-1 facts (size, columns, types, first rows) and its key facts. */
export interface SideInfo {
  readonly source: string;
  readonly bytes: number | undefined;
  readonly rows: number;
  readonly columns: readonly SourceColumn[];
  readonly head: readonly Row[];
  /** Rows with a NULL in any key column (they still join: NULL keys match NULL keys). */
  readonly nullKeyRows: number;
  /** Key values that occur more than once on this side. */
  readonly duplicateKeyValues: number;
  /** Rows carrying such a key value. */
  readonly duplicateRows: number;
}

/** How one column fared. `status` says whether both sides have it. */
export interface ColumnResult {
  readonly name: string;
  readonly expectedName: string | undefined;
  readonly actualName: string | undefined;
  readonly expectedType: string | undefined;
  readonly actualType: string | undefined;
  readonly comparedAs: PairClass;
  readonly status: 'compared' | 'key' | 'missing' | 'extra';
  /** Records present on both sides whose values differ in this column. */
  readonly mismatches: number;
  /** 100 x (paired records equal in this column) / paired records. */
  readonly percentMatched: number;
}

/** One differing record, for display: both sides' raw values by column name. */
export interface DiffRecord {
  readonly status: 'changed' | 'missing' | 'extra';
  readonly key: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, unknown>> | null;
  readonly actual: Readonly<Record<string, unknown>> | null;
  /** Columns that differ (for changed records). */
  readonly differing: readonly string[];
  /** For multiset compares: how many more times the row occurs on that side. */
  readonly count: number;
}

/** The key used and how it was chosen. */
export interface KeyInfo {
  readonly mode: 'key' | 'multiset';
  readonly columns: readonly string[];
  readonly auto: boolean;
}

/** Schema facts of step 2. */
export interface SchemaInfo {
  readonly missingColumns: readonly string[];
  readonly extraColumns: readonly string[];
  readonly typeDifferences: readonly { readonly column: string; readonly expected: string; readonly actual: string; readonly comparedAs: PairClass }[];
  readonly ignored: readonly string[];
  readonly mapped: readonly { readonly expected: string; readonly actual: string }[];
}

/**
 * The outcome of comparing one table. Records = matched + changed + missing + extra;
 * Percentage Matched = 100 x matched / records (100 for two empty tables); passed when
 * percentMatched >= threshold.
 */
export interface TableResult {
  readonly kind: 'table-result';
  readonly name: string;
  readonly expected: SideInfo;
  readonly actual: SideInfo;
  readonly key: KeyInfo;
  readonly schema: SchemaInfo;
  readonly records: number;
  readonly matched: number;
  readonly changed: number;
  readonly missing: number;
  readonly extra: number;
  /** Key values duplicated on either side (compared in a deterministic order, never dropped). */
  readonly duplicateKeys: number;
  readonly percentMatched: number;
  readonly threshold: number;
  readonly passed: boolean;
  readonly columns: readonly ColumnResult[];
  /** The first differing records, ordered by key. */
  readonly samples: readonly DiffRecord[];
  readonly notes: readonly string[];
  readonly elapsedMs: number;
}

/** A table of a run over several that was not compared: its input could not be read (the formatted error). */
export interface AcceptError {
  readonly name: string;
  readonly origin?: string;
  readonly message: string;
}

/**
 * Percentage Matched: 100 x part / whole truncated (never rounded) to 4 decimals, computed in
 * integers so no floating-point step can take off or add a unit (12 of 13 is 92.3076, never
 * 92.3075 or 92.3077); 100 only when every record matches, and for 0/0. The value is a whole
 * number of 1/10,000ths, so the JSON number and `formatPercent`'s text are the same figure.
 */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0 || part >= whole) return 100;
  if (part <= 0) return 0;
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole)) return Math.floor((1e6 * part) / whole) / 1e4;
  return Number((BigInt(part) * 1_000_000n) / BigInt(whole)) / 1e4;
}
