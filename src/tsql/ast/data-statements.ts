import type { ColumnRef, Expression, Variable } from './expressions';
import type { Identifier } from './names-and-types';
import type { SourceSpan } from '../../core';
import type { NodeBase } from './node-base';
import type { Execute } from './procedural-statements';
import type { Cte, Select, SelectItem, Top } from './queries';
import type { TableRef, TableSource, TableTarget } from './table-sources';

/** `OUTPUT inserted.x, deleted.y, $action [INTO target (cols)]`. */
export interface OutputClause extends NodeBase {
  readonly kind: 'OutputClause';
  readonly items: readonly SelectItem[];
  readonly into: TableTarget | undefined;
  readonly intoColumns: readonly Identifier[];
  /**
   * `OUTPUT … INTO t OUTPUT …`: the second clause, a result set to the caller beside the rows
   * INTO writes (its own items: folding them into the first clause's would write them INTO too).
   */
  readonly returned: OutputClause | undefined;
}

export type InsertSource = ValuesSource | Select | Execute | DefaultValues;

export interface ValuesSource extends NodeBase {
  readonly kind: 'ValuesSource';
  readonly rows: readonly (readonly Expression[])[];
}

export interface DefaultValues extends NodeBase {
  readonly kind: 'DefaultValues';
}

export interface Insert extends NodeBase {
  readonly kind: 'Insert';
  readonly ctes: readonly Cte[];
  /** Where `WITH XMLNAMESPACES (…)` declares namespaces for the statement's xml methods, if it does. */
  readonly xmlNamespaces?: SourceSpan;
  readonly top: Top | undefined;
  readonly target: TableTarget;
  readonly columns: readonly Identifier[];
  readonly output: OutputClause | undefined;
  readonly source: InsertSource;
  readonly option: string | undefined;
}

/**
 * One SET item of UPDATE (or MERGE … UPDATE): `col = e`, `col += e`, `@v = e`, `@v = col = e`
 * (both `variable` and `column`), `@v = col += e` (both; `operator` is the column's, the variable
 * receives the column's new value), `col.WRITE(…)` (value is the MethodCall, operator '').
 */
export interface UpdateAssignment extends NodeBase {
  readonly kind: 'UpdateAssignment';
  readonly variable: Variable | undefined;
  readonly column: ColumnRef | undefined;
  readonly operator: string;
  readonly value: Expression;
}

/** UPDATE: `target` is the table, alias or table variable as written after UPDATE. */
export interface Update extends NodeBase {
  readonly kind: 'Update';
  readonly ctes: readonly Cte[];
  /** Where `WITH XMLNAMESPACES (…)` declares namespaces for the statement's xml methods, if it does. */
  readonly xmlNamespaces?: SourceSpan;
  readonly top: Top | undefined;
  readonly target: TableTarget;
  readonly assignments: readonly UpdateAssignment[];
  readonly output: OutputClause | undefined;
  readonly from: readonly TableSource[];
  readonly where: Expression | undefined;
  /** `WHERE CURRENT OF cursor`. */
  readonly currentOf: string | undefined;
  readonly option: string | undefined;
}

export interface Delete extends NodeBase {
  readonly kind: 'Delete';
  readonly ctes: readonly Cte[];
  /** Where `WITH XMLNAMESPACES (…)` declares namespaces for the statement's xml methods, if it does. */
  readonly xmlNamespaces?: SourceSpan;
  readonly top: Top | undefined;
  readonly target: TableTarget;
  readonly output: OutputClause | undefined;
  readonly from: readonly TableSource[];
  readonly where: Expression | undefined;
  readonly currentOf: string | undefined;
  readonly option: string | undefined;
}

export interface Merge extends NodeBase {
  readonly kind: 'Merge';
  readonly ctes: readonly Cte[];
  /** Where `WITH XMLNAMESPACES (…)` declares namespaces for the statement's xml methods, if it does. */
  readonly xmlNamespaces?: SourceSpan;
  readonly top: Top | undefined;
  readonly target: TableTarget;
  readonly source: TableSource;
  readonly on: Expression;
  readonly whens: readonly MergeWhen[];
  readonly output: OutputClause | undefined;
  readonly option: string | undefined;
}

export interface MergeWhen extends NodeBase {
  readonly kind: 'MergeWhen';
  readonly match: 'MATCHED' | 'NOT MATCHED BY TARGET' | 'NOT MATCHED BY SOURCE';
  readonly condition: Expression | undefined;
  readonly action: MergeUpdate | MergeInsert | MergeDelete;
}

export interface MergeUpdate extends NodeBase {
  readonly kind: 'MergeUpdate';
  readonly assignments: readonly UpdateAssignment[];
}

export interface MergeInsert extends NodeBase {
  readonly kind: 'MergeInsert';
  readonly columns: readonly Identifier[];
  /** Empty with `defaultValues` for `INSERT DEFAULT VALUES`. */
  readonly values: readonly Expression[];
  readonly defaultValues: boolean;
}

export interface MergeDelete extends NodeBase {
  readonly kind: 'MergeDelete';
}

export interface Truncate extends NodeBase {
  readonly kind: 'Truncate';
  readonly target: TableRef;
}

/**
 * A bulk load into `target`: `BULK INSERT t FROM 'file' WITH (…)`, `INSERT BULK t (col type, …)
 * WITH (…)` (the statement bulk-copy clients send; the rows come from the client, so `source` is
 * undefined) and Synapse/Fabric `COPY INTO t [(cols)] FROM 'url' [, 'url'…] WITH (…)` (`source`
 * is the first location). `form` says which was written.
 */
export interface BulkInsert extends NodeBase {
  readonly kind: 'BulkInsert';
  readonly form: 'BULK INSERT' | 'INSERT BULK' | 'COPY INTO';
  readonly target: TableRef;
  readonly source: Expression | undefined;
  readonly options: string | undefined;
}
