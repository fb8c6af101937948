import { normalizeNameParts, splitObjectName } from '../tsql';

/** One input table's rows as read from CSV: every cell a string, an empty cell NULL. */
export interface InputTable {
  readonly kind: 'input-table';
  /** `schema.table`, lower-case, brackets removed. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** Where the rows came from, for messages. */
  readonly file: string;
}

/** A table's rows after the run, with column names in table order. */
export interface OutputTable {
  readonly kind: 'output-table';
  readonly name: string;
  readonly columns: readonly string[];
  /** Primary-key columns when the CREATE TABLE declared one; baselines are sorted by them. */
  readonly key: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

/** A result set the procedure returned (a bare SELECT), in order of appearance. */
export interface ResultSet {
  readonly kind: 'result-set';
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** The DuckDB temp table holding it, when the emulator produced it. */
  readonly table?: string;
}

/** What running a legacy procedure produced, whichever engine ran it. */
export interface LegacyRunResult {
  readonly kind: 'legacy-run';
  readonly engine: 'emulator' | 'mssql';
  readonly procedure: string;
  readonly outputs: readonly OutputTable[];
  readonly resultSets: readonly ResultSet[];
  /** PRINT output and RAISERROR messages below severity 11. */
  readonly messages: readonly string[];
  readonly returnValue: number | null;
  /** OUTPUT parameters as the procedure returned them (DuckDB text; emulator runs only). */
  readonly outputParameters?: readonly { readonly name: string; readonly duckType: string; readonly value: string | null; readonly nonReproducible: boolean }[];
}

/**
 * Normalises a T-SQL object name: brackets/quotes removed, lower-case, default schema dbo, a
 * database (and server) part kept as the analysis keeps it (`RefData.dbo.T` is another
 * database's table, not this one's `dbo.T`; `[$(DatabaseName)].dbo.T` is this one's).
 */
export function normalizeObjectName(name: string): string {
  return normalizeNameParts(splitObjectName(name));
}

