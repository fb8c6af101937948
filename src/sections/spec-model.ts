import type { TableTrigger } from './table-triggers';
import { specNameKey } from './spec-names';
import type { ColumnType } from '../engine';
import type { SqlType } from './sql-expression-type';

/** A 1-based, inclusive range of lines of a procedure's .sql file. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** A column of a spec table header (`DeviceId:int`), with where it was written. */
export interface SpecColumn {
  readonly kind: 'spec-column';
  readonly name: string;
  readonly type: ColumnType;
  readonly line: number;
  readonly column: number;
}

/** Rows of a table given in a spec: inline (a Gherkin data table) or read from a CSV file. */
export interface TableData {
  readonly kind: 'table-data';
  /** The table's name as the procedure knows it (`dbo.DeviceUsage`, `#Devices`, `@Totals`). */
  readonly name: string;
  readonly columns: readonly SpecColumn[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly line: number;
  /** Where the rows came from: the .feature itself or a CSV path (relative to the .feature). */
  readonly source: { readonly kind: 'inline' } | { readonly kind: 'file'; readonly path: string };
}

/** An expected output table with how to compare it. */
export interface TableExpectation {
  readonly kind: 'table-expectation';
  readonly table: TableData;
  /** Key columns (empty: whole rows as a multiset). */
  readonly key: readonly string[];
  /** Absolute tolerance for numeric columns. */
  readonly tolerance: number;
  /**
   * `ordered by Total, CustomerId`: the legacy result is ordered (its ORDER BY), so the rows must
   * come in the order the Then lists them, as far as these columns tell them apart (rows equal
   * on them may come in any order, as SQL Server gives ties). Absent: rows compare as a set.
   */
  readonly orderedBy?: readonly string[];
}

/** A parameter or variable value given to the section (`Given parameter @AsOf:date = 2024-01-31`). */
export interface ParamValue {
  readonly kind: 'param-value';
  readonly name: string;
  readonly type: ColumnType;
  readonly value: unknown;
  readonly line: number;
  /**
   * Written `= TODO`: a value still to be written (a parameter without a default). Its type
   * stands; record refuses the scenario as if the step were absent, `migrate test` gives NULL.
   */
  readonly pending?: boolean;
}

/**
 * An expected scalar (`Then scalar @Total:int = 42`, `Then value @BatchId:int = 100`): a value
 * the transform declares under that name (its `values`), else a column of its single output row.
 */
export interface ScalarExpectation {
  readonly kind: 'scalar-expectation';
  readonly name: string;
  readonly type: ColumnType;
  readonly value: unknown;
  readonly tolerance: number;
  readonly line: number;
  /** Where the step's text starts. */
  readonly column?: number;
  /** Written `= TODO`: the value is still to be recorded or written. */
  readonly pending?: boolean;
}

/** One Given/When/Then story: inputs, the run, the expected outputs. */
export interface ScenarioSpec {
  readonly kind: 'scenario-spec';
  readonly name: string;
  readonly line: number;
  readonly inputs: readonly TableData[];
  readonly params: readonly ParamValue[];
  readonly expected: readonly TableExpectation[];
  readonly scalars: readonly ScalarExpectation[];
  /**
   * What the legacy code's GETDATE()/SYSDATETIME() read when the Then rows were made: the
   * scenario's `@clock:` tag, else its `@recorded:` tag (`2000-01-01T00:00:00`). A transform
   * reads it through `clock()`; without either, the time the tests run.
   */
  readonly clock?: string;
  /** The server's UTC offset in minutes the clock tag writes after the time (`+01:00` is 60, `Z` 0): what a transform's utcClock() subtracts. */
  readonly clockOffsetMinutes?: number;
  /**
   * The fingerprint of the statements the scenario was recorded from (its `@statements:` tag,
   * recorded-statements.ts): `sections check` refuses it when the section's lines now differ.
   */
  readonly statements?: string;
}

/**
 * A section: a run of a procedure's statements that produces one business table or metric,
 * tied to the legacy code by its tags and specified by scenarios.
 */
export interface SectionSpec {
  readonly kind: 'section-spec';
  readonly file: string;
  /** `<schema>.<proc>/<nn>-<slug>`, from the file's path. */
  readonly id: string;
  readonly title: string;
  /** `schema.proc`, lower-cased as in the dataflow contract. */
  readonly procedure: string;
  /** The @proc tag's name as written (`Integration.[Load Stock Item]`), for what people read. */
  readonly procedureName?: string;
  /** The procedure lines it covers; several ranges for scattered housekeeping. */
  readonly lines: readonly LineRange[];
  readonly outputs: readonly string[];
  readonly entity: string | undefined;
  /** Housekeeping (SET NOCOUNT, PRINT, logging): covered, never implemented. */
  readonly ignored: boolean;
  readonly scenarios: readonly ScenarioSpec[];
  /** Line of the Feature keyword, for messages about the section as a whole. */
  readonly line: number;
}

/** A problem found in a spec, located in its file, with what to do about it. */
export interface SpecProblem {
  readonly kind: 'spec-problem';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

/** A known table: its columns as the CREATE TABLE script (or the procedure) declares them. */
export interface CatalogTable {
  readonly kind: 'catalog-table';
  readonly name: string;
  /** `computed`: a computed column's expression reads these columns (as the table spells them); a scenario gives them, not it. */
  /** `sqlType`: the column's SQL Server type where declared or derived exactly (smallint, money, decimal(12,2)), which arithmetic over it depends on. */
  /** `guessed`: typed `text?` for want of a known type (a SELECT … INTO column the lineage cannot type); a legacy run's type is better. */
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly sqlType?: SqlType; readonly computed?: readonly string[]; readonly guessed?: true }[];
  /** A #temp table, table variable or table-valued parameter: the procedure (`schema.proc`, lower case) that declares it. */
  readonly procedure?: string;
}

/** What specs are checked against: known tables and the procedures' line ranges. */
export interface SpecCatalog {
  readonly kind: 'spec-catalog';
  /** Keyed by lower-cased name (`dbo.deviceusage`, `#devices`). */
  readonly tables: ReadonlyMap<string, CatalogTable>;
  /** Keyed like `tables`: the table's name as its CREATE TABLE (or DECLARE) writes it, in spec form (`Dimension.[Stock Item]`). */
  readonly names?: ReadonlyMap<string, string>;
  /** Keyed by lower-cased `schema.proc`: the file, its first and last line, and the name as its CREATE writes it. */
  readonly procedures: ReadonlyMap<string, { readonly file: string; readonly lines: LineRange; readonly displayName?: string }>;
  /**
   * System-versioned tables and their history tables, keyed like `tables`: the period columns
   * (`ValidFrom`, `ValidTo`) and the other table of the pair. A read `FOR SYSTEM_TIME` reads
   * both tables and filters on these columns, which the query never names.
   */
  readonly periods?: ReadonlyMap<string, { readonly start: string; readonly end: string; readonly partner: string }>;
  /** DML triggers in effect of the scripts' tables, keyed like `tables` (table-triggers.ts). */
  readonly triggers?: ReadonlyMap<string, readonly TableTrigger[]>;
  /** Synonyms of the scripts' tables and views, keyed like `tables`: the key of what each stands for. */
  readonly synonyms?: ReadonlyMap<string, string>;
  /** Synonyms whose target no script defines (another database's table), keyed like `tables`: the target as written. */
  readonly unknownSynonymTargets?: ReadonlyMap<string, string>;
  /**
   * The table-valued functions of the scripts as typed tables (function-tables.ts), keyed like
   * `tables`: for typing what a query reads through one (`CROSS APPLY dbo.tvf_RepOrders(…) t`),
   * never a table a section is given.
   */
  readonly functions?: ReadonlyMap<string, CatalogTable>;
  /** The scalar functions of the scripts in effect, keyed like `tables`: each one's RETURNS type, for typing a column that calls one. */
  readonly scalarFunctions?: ReadonlyMap<string, SqlType>;
  /**
   * Per procedure (`schema.proc`, lower case), the #temp tables, table variables and table-valued
   * parameters it declares, keyed like `tables`. Procedures reuse such names (#Weeks, #Work, @Rows)
   * for tables of other columns; `tables` holds one of them, catalogFor the procedure's own.
   */
  readonly locals?: ReadonlyMap<string, ReadonlyMap<string, CatalogTable>>;
}

/** The catalog as `procedure` (`schema.proc`, any case) sees it: its own #temp tables, table variables and parameters over another procedure's of the same name. */
export function catalogFor(catalog: SpecCatalog, procedure: string | undefined): SpecCatalog;
export function catalogFor(catalog: SpecCatalog | undefined, procedure: string | undefined): SpecCatalog | undefined;
export function catalogFor(catalog: SpecCatalog | undefined, procedure: string | undefined): SpecCatalog | undefined {
  const own = procedure === undefined ? undefined : catalog?.locals?.get(procedure.toLowerCase());
  if (catalog === undefined || own === undefined || own.size === 0) return catalog;
  return { ...catalog, tables: new Map([...catalog.tables, ...own]) };
}

/**
 * Normalises a table or procedure name for lookups: brackets removed (`]]` read as `]`), lower
 * case, `dbo` default for permanent tables. Names are parsed as specs write them (spec-names.ts).
 */
export function normalizeObjectName(name: string): string {
  return specNameKey(name);
}

/** The section id for a spec path `…/sections/<schema>.<proc>/<nn>-<slug>.feature`. */
export function sectionIdOf(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = (parts[parts.length - 1] ?? '').replace(/\.feature$/, '');
  const dir = parts[parts.length - 2] ?? '';
  return `${dir}/${name}`;
}
