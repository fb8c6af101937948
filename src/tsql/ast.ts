import type { Diagnostic, LineIndex, SourceSpan } from '../core';

/*
 * The T-SQL syntax tree. Every node is a readonly object with a string `kind` and the `span`
 * of source it was read from. Optional parts are `undefined` when absent (never null), lists
 * are always present (possibly empty), so consumers never need to guard against both.
 * This file only grows: kinds and fields are never renamed, so downstream modules (data flow,
 * sections, legacy emulator) can rely on them.
 */

/** Common shape of every node. */
export interface NodeBase {
  readonly kind: string;
  readonly span: SourceSpan;
}

// ---------------------------------------------------------------------------------------------
// Names and types

/** One name part. `name` is the value with brackets/quotes removed (`[a]]b]` -> `a]b`). */
export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
  readonly quote: 'none' | 'bracket' | 'double';
}

/**
 * A multi-part object name as written: `t`, `dbo.t`, `db..t` (the schema part is an empty
 * Identifier), `server.db.dbo.t`. `normalizeObjectName` turns it into the `schema.name` form.
 */
export interface ObjectName extends NodeBase {
  readonly kind: 'ObjectName';
  readonly parts: readonly Identifier[];
}

/** A data type with its arguments: `int`, `varchar(max)` (args `['max']`), `decimal(18,4)`. */
export interface DataType extends NodeBase {
  readonly kind: 'DataType';
  readonly name: ObjectName;
  readonly args: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expression =
  | ColumnRef | Star | Variable | SystemVariable | Literal | Binary | Unary | FunctionCall | Case
  | Cast | Iif | Exists | In | Between | Like | IsNull | QuantifiedComparison | Subquery | Collate
  | NextValueFor | MethodCall | ActionPseudoColumn | ExpressionList | OdbcEscape | SqlcmdVariable;

/** A column (or otherwise unresolved name) reference: `c`, `t.c`, `dbo.t.c`. */
export interface ColumnRef extends NodeBase {
  readonly kind: 'ColumnRef';
  readonly parts: readonly Identifier[];
}

/** `*` or `t.*` (qualifier holds the parts before the star). */
export interface Star extends NodeBase {
  readonly kind: 'Star';
  readonly qualifier: readonly Identifier[];
}

/** `@name` (name includes the `@`). */
export interface Variable extends NodeBase {
  readonly kind: 'Variable';
  readonly name: string;
}

/** `@@ROWCOUNT`, `@@ERROR`, ... (name includes the `@@`, as written). */
export interface SystemVariable extends NodeBase {
  readonly kind: 'SystemVariable';
  readonly name: string;
}

/**
 * A constant. `value` is the decoded value for strings (quotes and '' escapes removed) and the
 * source text otherwise. `datepart` marks the unquoted first argument of DATEADD & co.
 */
export interface Literal extends NodeBase {
  readonly kind: 'Literal';
  readonly literalType: 'string' | 'nstring' | 'integer' | 'decimal' | 'float' | 'money' | 'binary' | 'null' | 'default' | 'datepart';
  readonly value: string;
}

/** Binary operator: arithmetic, string `+`, bitwise, comparison, AND, OR. Upper-case operator. */
export interface Binary extends NodeBase {
  readonly kind: 'Binary';
  readonly operator: string;
  readonly left: Expression;
  readonly right: Expression;
}

/** Prefix operator: `-`, `+`, `~`, `NOT`. */
export interface Unary extends NodeBase {
  readonly kind: 'Unary';
  readonly operator: string;
  readonly operand: Expression;
}

/**
 * A function call: built-ins (including keyword-named ones: LEFT, RIGHT, COALESCE, ...),
 * user functions (`dbo.fn(x)`), aggregates (`COUNT(*)` has `star`, `COUNT(DISTINCT x)` has
 * `distinct`), window functions (`over`), ordered-set aggregates (`withinGroup`).
 */
export interface FunctionCall extends NodeBase {
  readonly kind: 'FunctionCall';
  readonly name: ObjectName;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  readonly star: boolean;
  readonly withinGroup: readonly OrderByItem[];
  readonly over: WindowSpec | undefined;
}

/** `OVER (PARTITION BY … ORDER BY … ROWS|RANGE …)`, or `OVER w` (`name`). */
export interface WindowSpec extends NodeBase {
  readonly kind: 'WindowSpec';
  readonly name: string | undefined;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderByItem[];
  readonly frame: WindowFrame | undefined;
}

/** `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (end undefined for the short form). */
export interface WindowFrame extends NodeBase {
  readonly kind: 'WindowFrame';
  readonly unit: 'ROWS' | 'RANGE';
  readonly start: FrameBound;
  readonly end: FrameBound | undefined;
}

/** One frame bound; `offset` is set for `n PRECEDING` / `n FOLLOWING`. */
export interface FrameBound extends NodeBase {
  readonly kind: 'FrameBound';
  readonly bound: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING';
  readonly offset: Expression | undefined;
}

/** CASE: simple when `operand` is set, searched otherwise. */
export interface Case extends NodeBase {
  readonly kind: 'Case';
  readonly operand: Expression | undefined;
  readonly whens: readonly CaseWhen[];
  readonly else: Expression | undefined;
}

export interface CaseWhen extends NodeBase {
  readonly kind: 'CaseWhen';
  readonly when: Expression;
  readonly then: Expression;
}

/** CAST / TRY_CAST / CONVERT / TRY_CONVERT / PARSE / TRY_PARSE. */
export interface Cast extends NodeBase {
  readonly kind: 'Cast';
  readonly function: 'CAST' | 'TRY_CAST' | 'CONVERT' | 'TRY_CONVERT' | 'PARSE' | 'TRY_PARSE';
  readonly dataType: DataType;
  readonly expression: Expression;
  readonly style: Expression | undefined;
  readonly culture: Expression | undefined;
}

export interface Iif extends NodeBase {
  readonly kind: 'Iif';
  readonly condition: Expression;
  readonly then: Expression;
  readonly else: Expression;
}

export interface Exists extends NodeBase {
  readonly kind: 'Exists';
  readonly query: Select;
}

/** `x [NOT] IN (list)` or `x [NOT] IN (subquery)`. */
export interface In extends NodeBase {
  readonly kind: 'In';
  readonly expression: Expression;
  readonly not: boolean;
  readonly list: readonly Expression[];
  readonly query: Select | undefined;
}

export interface Between extends NodeBase {
  readonly kind: 'Between';
  readonly expression: Expression;
  readonly not: boolean;
  readonly low: Expression;
  readonly high: Expression;
}

export interface Like extends NodeBase {
  readonly kind: 'Like';
  readonly expression: Expression;
  readonly not: boolean;
  readonly pattern: Expression;
  readonly escape: Expression | undefined;
}

/** `x IS [NOT] NULL`. */
export interface IsNull extends NodeBase {
  readonly kind: 'IsNull';
  readonly expression: Expression;
  readonly not: boolean;
}

/** `x > ALL (subquery)`, `x = ANY (…)`, `x < SOME (…)`. */
export interface QuantifiedComparison extends NodeBase {
  readonly kind: 'QuantifiedComparison';
  readonly operator: string;
  readonly quantifier: 'ALL' | 'ANY' | 'SOME';
  readonly left: Expression;
  readonly query: Select;
}

/** A parenthesised query used as a value (scalar subquery). */
export interface Subquery extends NodeBase {
  readonly kind: 'Subquery';
  readonly query: Select;
}

export interface Collate extends NodeBase {
  readonly kind: 'Collate';
  readonly expression: Expression;
  readonly collation: string;
}

export interface NextValueFor extends NodeBase {
  readonly kind: 'NextValueFor';
  readonly sequence: ObjectName;
  readonly over: WindowSpec | undefined;
}

/** A method call on a value: XML `col.value('…','…')`, `@x.nodes('…')`, `col.WRITE(…)`. */
export interface MethodCall extends NodeBase {
  readonly kind: 'MethodCall';
  readonly target: Expression;
  readonly method: string;
  readonly args: readonly Expression[];
}

/** `$action` in a MERGE OUTPUT clause. */
export interface ActionPseudoColumn extends NodeBase {
  readonly kind: 'ActionPseudoColumn';
}

/** A parenthesised list `(a, b)`: a row in GROUPING SETS or a row constructor. */
export interface ExpressionList extends NodeBase {
  readonly kind: 'ExpressionList';
  readonly items: readonly Expression[];
}

/** ODBC escape `{fn …}`, `{d '…'}`, `{ts '…'}`: tolerated, kept as text plus inner expressions. */
export interface OdbcEscape extends NodeBase {
  readonly kind: 'OdbcEscape';
  readonly text: string;
  readonly args: readonly Expression[];
}

/** SQLCMD `$(name)` used where a value or name is expected. */
export interface SqlcmdVariable extends NodeBase {
  readonly kind: 'SqlcmdVariable';
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * A full query: optional CTEs, a body (one SELECT or set operations of several), ORDER BY,
 * OFFSET/FETCH, FOR XML/JSON and OPTION. Used for SELECT statements and every nested query
 * (subqueries, derived tables, INSERT … SELECT, cursor queries, CTE and view bodies).
 */
export interface Select extends NodeBase {
  readonly kind: 'Select';
  readonly ctes: readonly Cte[];
  readonly recursive: boolean;
  readonly body: QueryExpression;
  readonly orderBy: readonly OrderByItem[];
  readonly offset: Expression | undefined;
  readonly fetch: Expression | undefined;
  /** `FOR XML …` / `FOR JSON …` / `FOR BROWSE`, as text. */
  readonly forClause: string | undefined;
  /** Query hints of `OPTION (…)`, as text. */
  readonly option: string | undefined;
}

export type QueryExpression = QuerySpec | SetOperation | Select;

/** One SELECT … FROM … WHERE … GROUP BY … HAVING block. */
export interface QuerySpec extends NodeBase {
  readonly kind: 'QuerySpec';
  readonly distinct: boolean;
  readonly top: Top | undefined;
  readonly items: readonly SelectItemLike[];
  /** `SELECT … INTO t`; also the table a Synapse/Fabric `CREATE TABLE t AS SELECT …` (CTAS) creates. */
  readonly into: TableTarget | undefined;
  readonly from: readonly TableSource[];
  readonly where: Expression | undefined;
  readonly groupBy: GroupBy | undefined;
  readonly having: Expression | undefined;
}

export interface SetOperation extends NodeBase {
  readonly kind: 'SetOperation';
  readonly operator: 'UNION' | 'UNION ALL' | 'EXCEPT' | 'INTERSECT';
  readonly left: QueryExpression;
  readonly right: QueryExpression;
}

export type SelectItemLike = SelectItem | SelectAssignment;

/**
 * One output column. `aliasStyle`: `as` (`e AS a`), `implicit` (`e a`), `equals` (`a = e` or
 * `'a' = e`), `none`.
 */
export interface SelectItem extends NodeBase {
  readonly kind: 'SelectItem';
  readonly expression: Expression;
  readonly alias: Identifier | undefined;
  readonly aliasStyle: 'as' | 'implicit' | 'equals' | 'none';
}

/** `SELECT @v = expr` (also `@v += expr`). */
export interface SelectAssignment extends NodeBase {
  readonly kind: 'SelectAssignment';
  readonly variable: Variable;
  readonly operator: string;
  readonly expression: Expression;
}

export interface Top extends NodeBase {
  readonly kind: 'Top';
  readonly expression: Expression;
  readonly percent: boolean;
  readonly withTies: boolean;
}

export interface OrderByItem extends NodeBase {
  readonly kind: 'OrderByItem';
  readonly expression: Expression;
  readonly direction: 'ASC' | 'DESC' | undefined;
}

/** GROUP BY [ALL] items; ROLLUP/CUBE/GROUPING SETS are GroupingSpec items; `WITH ROLLUP|CUBE`. */
export interface GroupBy extends NodeBase {
  readonly kind: 'GroupBy';
  readonly all: boolean;
  readonly items: readonly (Expression | GroupingSpec)[];
  readonly withOption: 'ROLLUP' | 'CUBE' | undefined;
}

export interface GroupingSpec extends NodeBase {
  readonly kind: 'GroupingSpec';
  readonly type: 'ROLLUP' | 'CUBE' | 'GROUPING SETS';
  readonly items: readonly (Expression | GroupingSpec)[];
}

export interface Cte extends NodeBase {
  readonly kind: 'Cte';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly query: Select;
}

// ---------------------------------------------------------------------------------------------
// Table sources

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

// ---------------------------------------------------------------------------------------------
// Data statements

/** `OUTPUT inserted.x, deleted.y, $action [INTO target (cols)]`. */
export interface OutputClause extends NodeBase {
  readonly kind: 'OutputClause';
  readonly items: readonly SelectItem[];
  readonly into: TableTarget | undefined;
  readonly intoColumns: readonly Identifier[];
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

// ---------------------------------------------------------------------------------------------
// Control flow and procedural statements

/** BEGIN … END. */
export interface Block extends NodeBase {
  readonly kind: 'Block';
  readonly statements: readonly Statement[];
}

export interface TryCatch extends NodeBase {
  readonly kind: 'TryCatch';
  readonly tryStatements: readonly Statement[];
  readonly catchStatements: readonly Statement[];
}

export interface If extends NodeBase {
  readonly kind: 'If';
  readonly condition: Expression;
  readonly then: Statement;
  readonly else: Statement | undefined;
}

export interface While extends NodeBase {
  readonly kind: 'While';
  readonly condition: Expression;
  readonly body: Statement;
}

export interface Break extends NodeBase { readonly kind: 'Break' }
export interface Continue extends NodeBase { readonly kind: 'Continue' }

export interface Goto extends NodeBase {
  readonly kind: 'Goto';
  readonly label: string;
}

/** `name:` */
export interface Label extends NodeBase {
  readonly kind: 'Label';
  readonly name: string;
}

export interface Return extends NodeBase {
  readonly kind: 'Return';
  readonly expression: Expression | undefined;
}

/** DECLARE of scalars and/or table variables (one statement may declare several). */
export interface Declare extends NodeBase {
  readonly kind: 'Declare';
  readonly declarations: readonly (VariableDeclaration | TableVariableDeclaration)[];
}

export interface VariableDeclaration extends NodeBase {
  readonly kind: 'VariableDeclaration';
  readonly variable: Variable;
  readonly dataType: DataType;
  readonly initialValue: Expression | undefined;
}

export interface TableVariableDeclaration extends NodeBase {
  readonly kind: 'TableVariableDeclaration';
  readonly variable: Variable;
  readonly definition: TableDefinition;
}

/** The `( columns, constraints )` of CREATE TABLE, DECLARE @t TABLE, RETURNS @t TABLE, CREATE TYPE. */
export interface TableDefinition extends NodeBase {
  readonly kind: 'TableDefinition';
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
}

export interface ColumnDefinition extends NodeBase {
  readonly kind: 'ColumnDefinition';
  readonly name: Identifier;
  /** Undefined for computed columns. */
  readonly dataType: DataType | undefined;
  readonly computed: Expression | undefined;
  readonly nullable: boolean | undefined;
  readonly identity: boolean;
  readonly collation: string | undefined;
  readonly default: Expression | undefined;
  /** Inline constraints (PRIMARY KEY, UNIQUE, REFERENCES, CHECK). */
  readonly constraints: readonly TableConstraint[];
}

export interface TableConstraint extends NodeBase {
  readonly kind: 'TableConstraint';
  readonly name: Identifier | undefined;
  readonly type: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY' | 'CHECK' | 'DEFAULT' | 'INDEX' | 'CONNECTION';
  readonly columns: readonly Identifier[];
  readonly references: ObjectName | undefined;
  readonly referencedColumns: readonly Identifier[];
  readonly expression: Expression | undefined;
}

/** `DECLARE c CURSOR [options] FOR select [FOR UPDATE [OF cols]]` (also `SET @c = CURSOR …`). */
export interface DeclareCursor extends NodeBase {
  readonly kind: 'DeclareCursor';
  readonly name: string;
  readonly options: readonly string[];
  readonly query: Select;
  readonly forUpdate: boolean;
  readonly updateColumns: readonly Identifier[];
}

/** `SET @v = e` and compound forms; `SET @c = CURSOR …` has `cursor`. */
export interface SetVariable extends NodeBase {
  readonly kind: 'SetVariable';
  readonly variable: Variable;
  readonly operator: string;
  readonly value: Expression | undefined;
  readonly cursor: DeclareCursor | undefined;
}

/** `SET NOCOUNT ON`, `SET TRANSACTION ISOLATION LEVEL …`, `SET IDENTITY_INSERT t ON`, … */
export interface SetOption extends NodeBase {
  readonly kind: 'SetOption';
  /** Upper-case option names (`['NOCOUNT']`, `['TRANSACTION ISOLATION LEVEL']`). */
  readonly options: readonly string[];
  /** ON / OFF / the value as text (`READ UNCOMMITTED`, `0`, `@n`). */
  readonly value: string;
  /** The table of IDENTITY_INSERT. */
  readonly target: ObjectName | undefined;
}

export interface Transaction extends NodeBase {
  readonly kind: 'Transaction';
  readonly action: 'BEGIN' | 'COMMIT' | 'ROLLBACK' | 'SAVE';
  readonly distributed: boolean;
  readonly name: string | undefined;
}

export interface Print extends NodeBase {
  readonly kind: 'Print';
  readonly expression: Expression;
}

/** RAISERROR(msg, severity, state, args…) WITH …; also the legacy `RAISERROR 50001 'msg'`. */
export interface Raiserror extends NodeBase {
  readonly kind: 'Raiserror';
  readonly args: readonly Expression[];
  readonly options: readonly string[];
  readonly legacy: boolean;
}

export interface Throw extends NodeBase {
  readonly kind: 'Throw';
  readonly args: readonly Expression[];
}

export interface Waitfor extends NodeBase {
  readonly kind: 'Waitfor';
  readonly mode: 'DELAY' | 'TIME';
  readonly value: Expression;
}

/** A cursor named by identifier (`global` when written `GLOBAL c`) or by a cursor variable. */
export interface CursorRef extends NodeBase {
  readonly kind: 'CursorRef';
  readonly name: string;
  readonly global: boolean;
}

export interface OpenCursor extends NodeBase {
  readonly kind: 'OpenCursor';
  readonly cursor: CursorRef;
}

export interface Fetch extends NodeBase {
  readonly kind: 'Fetch';
  readonly direction: 'NEXT' | 'PRIOR' | 'FIRST' | 'LAST' | 'ABSOLUTE' | 'RELATIVE';
  readonly offset: Expression | undefined;
  readonly cursor: CursorRef;
  readonly into: readonly Variable[];
}

export interface CloseCursor extends NodeBase {
  readonly kind: 'CloseCursor';
  readonly cursor: CursorRef;
}

export interface DeallocateCursor extends NodeBase {
  readonly kind: 'DeallocateCursor';
  readonly cursor: CursorRef;
}

/** One argument of EXEC: `@p = value`, `value OUTPUT`, `DEFAULT`. */
export interface ExecArgument extends NodeBase {
  readonly kind: 'ExecArgument';
  /** Parameter name with `@` when written `@p = …`. */
  readonly name: string | undefined;
  readonly value: Expression | undefined;
  readonly output: boolean;
  readonly default: boolean;
}

/**
 * EXEC/EXECUTE. A procedure call has `procedure` (ObjectName, or a Variable holding the name);
 * dynamic SQL `EXEC (@sql + '…')` has `dynamic` (the concatenated parts) and no procedure.
 * `sp_executesql` is an ordinary procedure call whose first argument is the SQL.
 */
export interface Execute extends NodeBase {
  readonly kind: 'Execute';
  readonly returnVariable: Variable | undefined;
  readonly procedure: ObjectName | Variable | undefined;
  readonly args: readonly ExecArgument[];
  readonly dynamic: readonly Expression[];
  /** `AT linked_server`. */
  readonly at: string | undefined;
  /** `WITH RECOMPILE`, `WITH RESULT SETS (…)` as text. */
  readonly options: readonly string[];
}

export interface Use extends NodeBase {
  readonly kind: 'Use';
  readonly database: Identifier;
}

/**
 * Statements recognised but kept opaque: DBCC, CHECKPOINT, GRANT/DENY/REVOKE, RECONFIGURE,
 * SHUTDOWN, KILL, BACKUP/RESTORE, ENABLE/DISABLE TRIGGER, CREATE/ALTER of objects we do not
 * model (LOGIN, USER, ROLE, ASSEMBLY, …). `command` is the upper-case leading keyword(s).
 */
export interface OpaqueStatement extends NodeBase {
  readonly kind: 'OpaqueStatement';
  readonly command: string;
  readonly text: string;
  /** The object named, when there is one (GRANT … ON obj, ENABLE TRIGGER t ON obj). */
  readonly target: ObjectName | undefined;
}

// ---------------------------------------------------------------------------------------------
// DDL

export interface CreateTable extends NodeBase {
  readonly kind: 'CreateTable';
  readonly name: ObjectName;
  readonly temp: boolean;
  readonly definition: TableDefinition;
  /** Trailing `ON [PRIMARY]` / `ON 'default'` / `ON ps(col)`, `TEXTIMAGE_ON`, `FILESTREAM_ON`, `WITH (…)`, as text. */
  readonly options: string | undefined;
}

export interface AlterTable extends NodeBase {
  readonly kind: 'AlterTable';
  readonly name: ObjectName;
  readonly action: 'ADD' | 'DROP' | 'ALTER COLUMN' | 'OTHER';
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
  /** Names dropped (columns and constraints). */
  readonly dropped: readonly Identifier[];
  readonly text: string;
}

export interface Drop extends NodeBase {
  readonly kind: 'Drop';
  /** TABLE, VIEW, PROCEDURE, FUNCTION, TRIGGER, INDEX, TYPE, SCHEMA, SEQUENCE, SYNONYM, STATISTICS… */
  readonly objectType: string;
  readonly ifExists: boolean;
  readonly names: readonly ObjectName[];
  /** `DROP INDEX ix ON t`: the table. */
  readonly on: ObjectName | undefined;
}

export interface CreateIndex extends NodeBase {
  readonly kind: 'CreateIndex';
  readonly name: Identifier;
  readonly table: ObjectName;
  readonly unique: boolean;
  readonly clustered: boolean | undefined;
  readonly columnstore: boolean;
  readonly columns: readonly OrderByItem[];
  readonly include: readonly Identifier[];
  readonly where: Expression | undefined;
  readonly options: string | undefined;
}

/** CREATE STATISTICS / TYPE / SCHEMA / SEQUENCE / SYNONYM: recognised with their name. */
export interface CreateOther extends NodeBase {
  readonly kind: 'CreateOther';
  readonly objectType: string;
  readonly name: ObjectName;
  /** `CREATE TYPE t AS TABLE (…)`. */
  readonly definition: TableDefinition | undefined;
  /** `CREATE SYNONYM s FOR target`, `CREATE STATISTICS s ON t`. */
  readonly target: ObjectName | undefined;
  readonly text: string;
}

// ---------------------------------------------------------------------------------------------
// Containers (programmable objects)

export interface Parameter extends NodeBase {
  readonly kind: 'Parameter';
  readonly name: string;
  readonly dataType: DataType;
  readonly default: Expression | undefined;
  readonly output: boolean;
  readonly readonly: boolean;
  readonly varying: boolean;
}

interface ContainerBase extends NodeBase {
  readonly name: ObjectName;
  /** ALTER … (not CREATE OR ALTER). */
  readonly alter: boolean;
  /** CREATE OR ALTER. */
  readonly orAlter: boolean;
  /** WITH options, upper-case text (`RECOMPILE`, `EXECUTE AS OWNER`, `SCHEMABINDING`). */
  readonly options: readonly string[];
  readonly body: readonly Statement[];
}

export interface CreateProcedure extends ContainerBase {
  readonly kind: 'CreateProcedure';
  readonly parameters: readonly Parameter[];
  readonly forReplication: boolean;
  /** `;n` of a numbered procedure. */
  readonly number: number | undefined;
}

/**
 * A function. `functionType`: `scalar` (returns a DataType; body is BEGIN…END statements),
 * `inline` (RETURNS TABLE; body is one Return whose expression is a Subquery), `multi`
 * (RETURNS @t TABLE (…); `returnsTable` holds the variable and definition).
 */
export interface CreateFunction extends ContainerBase {
  readonly kind: 'CreateFunction';
  readonly parameters: readonly Parameter[];
  readonly functionType: 'scalar' | 'inline' | 'multi' | 'clr';
  readonly returns: DataType | undefined;
  readonly returnsTable: TableVariableDeclaration | undefined;
}

export interface CreateTrigger extends ContainerBase {
  readonly kind: 'CreateTrigger';
  readonly scope: 'TABLE' | 'DATABASE' | 'ALL SERVER';
  /** The table or view for DML triggers. */
  readonly table: ObjectName | undefined;
  readonly timing: 'FOR' | 'AFTER' | 'INSTEAD OF';
  /** INSERT, UPDATE, DELETE, or DDL event names. */
  readonly events: readonly string[];
  readonly notForReplication: boolean;
}

/** A view; `body` is `[query]`. */
export interface CreateView extends ContainerBase {
  readonly kind: 'CreateView';
  readonly columns: readonly Identifier[];
  readonly query: Select;
  readonly checkOption: boolean;
}

// ---------------------------------------------------------------------------------------------
// Degradation

/** A statement the parser could not read; a TSQL_* error diagnostic was reported for it. */
export interface Unparsed extends NodeBase {
  readonly kind: 'Unparsed';
  readonly text: string;
  /** `expected X, found Y`. */
  readonly reason: string;
}

export type Statement =
  | Select | Insert | Update | Delete | Merge | Truncate | BulkInsert
  | Block | TryCatch | If | While | Break | Continue | Goto | Label | Return
  | Declare | DeclareCursor | SetVariable | SetOption | Transaction | Print | Raiserror | Throw | Waitfor
  | OpenCursor | Fetch | CloseCursor | DeallocateCursor | Execute | Use | OpaqueStatement
  | CreateTable | AlterTable | Drop | CreateIndex | CreateOther
  | CreateProcedure | CreateFunction | CreateTrigger | CreateView
  | Unparsed;

export type ContainerStatement = CreateProcedure | CreateFunction | CreateTrigger | CreateView;

/** The statements between two `GO` lines. `repeat` is n of `GO n` (1 otherwise). */
export interface Batch extends NodeBase {
  readonly kind: 'Batch';
  readonly statements: readonly Statement[];
  readonly repeat: number;
}

/** The result of `parseScript`: never throws; problems are in `diagnostics`. */
export interface ParsedScript {
  readonly kind: 'Script';
  readonly file: string;
  readonly batches: readonly Batch[];
  readonly diagnostics: readonly Diagnostic[];
  readonly lineCount: number;
  readonly lineIndex: LineIndex;
}

/** Every node type. */
export type Node =
  | Identifier | ObjectName | DataType
  | Expression | WindowSpec | WindowFrame | FrameBound | CaseWhen
  | QuerySpec | SetOperation | SelectItem | SelectAssignment | Top | OrderByItem | GroupBy | GroupingSpec | Cte
  | TableSource | OutputClause | ValuesSource | DefaultValues | UpdateAssignment | MergeWhen | MergeUpdate | MergeInsert | MergeDelete
  | VariableDeclaration | TableVariableDeclaration | TableDefinition | ColumnDefinition | TableConstraint
  | CursorRef | ExecArgument | Parameter
  | Statement | Batch;

export type NodeKind = Node['kind'];

/** The node type of a kind: `NodeOfKind<'Select'>` is `Select`. */
export type NodeOfKind<K extends NodeKind> = Extract<Node, { kind: K }>;
