import type { Delete, Insert, Merge, Update } from './data-statements';
import type { ColumnRef, Expression, FunctionCall, MethodCall, Variable } from './expressions';
import type { Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { Select } from './queries';

export type TableSource =
  | TableRef | TableVariableRef | DerivedTable | ValuesTable | TableFunctionRef | Join | Pivot | Unpivot | DmlTable;

/** A write target: a table/view (TableRef, temp tables included), a table variable, or OPENQUERY & co. */
export type TableTarget = TableRef | TableVariableRef | TableFunctionRef;

/** A named table or view; `temp` is true for `#t` / `##t`. Hints: `NOLOCK`, `INDEX(ix)`, … */
export interface TableRef extends NodeBase {
  readonly kind: 'TableRef';
  readonly name: ObjectName;
  readonly temp: boolean;
  readonly alias: Identifier | undefined;
  readonly hints: readonly string[];
  /**
   * The expressions of a `FOR SYSTEM_TIME` clause (its text stays in `hints`): `AS OF e` one,
   * `FROM a TO b`, `BETWEEN a AND b` and `CONTAINED IN (a, b)` two, `ALL` none. Kept as nodes so
   * that whatever walks a statement sees the variables the clause reads (`AS OF @AsOf`).
   */
  readonly systemTime?: readonly Expression[];
}

export interface TableVariableRef extends NodeBase {
  readonly kind: 'TableVariableRef';
  readonly variable: Variable;
  readonly alias: Identifier | undefined;
}

export interface DerivedTable extends NodeBase {
  readonly kind: 'DerivedTable';
  readonly query: Select;
  readonly alias: Identifier | undefined;
  readonly columns: readonly Identifier[];
}

/**
 * Composable DML as a row source: `FROM (DELETE FROM t OUTPUT deleted.* WHERE …) AS d`. The rows
 * are the OUTPUT clause's; the statement also writes its own target.
 */
export interface DmlTable extends NodeBase {
  readonly kind: 'DmlTable';
  readonly statement: Insert | Update | Delete | Merge;
  readonly alias: Identifier | undefined;
  readonly columns: readonly Identifier[];
}

/** `(VALUES (1,'a'), (2,'b')) AS v(id, name)`. */
export interface ValuesTable extends NodeBase {
  readonly kind: 'ValuesTable';
  readonly rows: readonly (readonly Expression[])[];
  readonly alias: Identifier | undefined;
  readonly columns: readonly Identifier[];
}

/**
 * A table-valued function or rowset function: `dbo.fn(@x)`, `OPENQUERY(srv, '…')`,
 * `OPENJSON(@j) WITH (…)`, `STRING_SPLIT(@s, ',')`, or an XML `.nodes()` call (`call` is then
 * a MethodCall).
 */
export interface TableFunctionRef extends NodeBase {
  readonly kind: 'TableFunctionRef';
  readonly call: FunctionCall | MethodCall;
  readonly alias: Identifier | undefined;
  readonly columns: readonly Identifier[];
  /** The `WITH (…)` schema of OPENJSON/OPENXML, as text. */
  readonly withSchema: string | undefined;
}

export interface Join extends NodeBase {
  readonly kind: 'Join';
  readonly joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY';
  /** Join hint: LOOP, HASH, MERGE, REMOTE. */
  readonly hint: string | undefined;
  readonly left: TableSource;
  readonly right: TableSource;
  readonly on: Expression | undefined;
}

/** `src PIVOT (SUM(v) FOR c IN ([a],[b])) AS p`. */
export interface Pivot extends NodeBase {
  readonly kind: 'Pivot';
  readonly source: TableSource;
  readonly aggregate: FunctionCall;
  readonly forColumn: ColumnRef;
  readonly values: readonly Identifier[];
  readonly alias: Identifier | undefined;
}

/** `src UNPIVOT (v FOR c IN ([a],[b])) AS u`. */
export interface Unpivot extends NodeBase {
  readonly kind: 'Unpivot';
  readonly source: TableSource;
  readonly valueColumn: Identifier;
  readonly forColumn: Identifier;
  readonly columns: readonly Identifier[];
  readonly alias: Identifier | undefined;
}
