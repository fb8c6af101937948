// The data-flow graph of one analysed T-SQL object, and of a set of them. These types are a
// contract between src/dataflow (which builds them), src/render, src/sections and the
// `migrate analyze --json` output: change them additively only (new optional fields, new kinds).
import type { Diagnostic } from '../core';
import type { DefinitionVerb } from '../tsql';

/** A 1-based, inclusive range of source lines. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** What kind of T-SQL object a graph describes. A `script` is top-level code outside any object. */
export type ObjectKind = 'procedure' | 'function' | 'trigger' | 'view' | 'script';

/** One declared parameter of a procedure or function (`@from date = NULL OUTPUT`). */
export interface ParameterInfo {
  readonly kind: 'parameter';
  /** As written, with its `@`: `@From`. */
  readonly name: string;
  /** The declared type as written, normalised to upper-case keywords: `DATE`, `DECIMAL(18, 2)`. */
  readonly type: string;
  /** Source text of the default value, when one is declared. */
  readonly default?: string;
  readonly output: boolean;
  /** `READONLY` table-valued parameter. */
  readonly readonly?: boolean;
}

/** The analysed object itself: its name, where it is, and its signature. */
export interface AnalysedObject {
  readonly kind: ObjectKind;
  /**
   * Normalised name `schema.name` (brackets removed, lower-case, default schema `dbo`,
   * database kept as a prefix when written). For a script: `script.<file stem>`.
   * It is also the stem of the generated files (`dataflow/<name>.md`).
   */
  readonly name: string;
  /** The name as written: `dbo.usp_CalcKpi`, brackets kept only around a part holding a dot or a bracket (`Fin Ops.[usp Post]]Ledger]`). */
  readonly displayName: string;
  /** Path of the source file, relative to the working directory, forward slashes. */
  readonly file: string;
  /** Lines of the whole object (CREATE … to the end of its batch). */
  readonly lines: LineRange;
  readonly parameters: readonly ParameterInfo[];
  /** Set only when the analysed files define this object more than once (a CREATE and an
   * upgrade script's ALTER, two variants of a script): see DuplicateDefinitions. */
  readonly duplicate?: DuplicateDefinitions;
  /** Set when the script turned a setting OFF before the CREATE: SQL Server runs the object with
   * the settings it was created under. Absent when both are ON (the default). */
  readonly createdUnder?: CreationSettings;
}

/** Lines (in the object's file) of the SET that turned each setting OFF before the object was created. */
export interface CreationSettings {
  /** `SET ANSI_NULLS OFF`: `=`/`<>` with a NULL variable or literal compare NULL as a value. */
  readonly ansiNullsOff?: number;
  /** `SET QUOTED_IDENTIFIER OFF`: `"text"` is a string literal. */
  readonly quotedIdentifierOff?: number;
}

/** How an object's definition was written. */
export type { DefinitionVerb };

/** One definition of an object defined more than once. */
export interface DefinitionRef {
  readonly file: string;
  /** First line of the CREATE/ALTER. */
  readonly line: number;
  readonly verb: DefinitionVerb;
  /** The definition in effect (the one the object's main report shows). */
  readonly current: boolean;
}

/**
 * Every definition of an object the analysed files define more than once, in file order (files
 * sorted by path, then position). The one in effect is what running the files in that order
 * would leave on SQL Server: a later ALTER or CREATE OR ALTER replaces what came before, while a
 * later plain CREATE would fail (the object exists), so the earlier definition stays.
 */
export interface DuplicateDefinitions {
  /** How this graph's own definition was written. */
  readonly verb: DefinitionVerb;
  /** Whether this graph is the definition in effect. */
  readonly current: boolean;
  /** All definitions, this one included, in file order. */
  readonly definitions: readonly DefinitionRef[];
  /** Where a later script drops the object with no definition after it: none is in effect. */
  readonly dropped?: { readonly file: string; readonly line: number };
}

/**
 * How a node takes part in the object's data flow:
 * - `input`: read and never written inside the object (permanent tables, parameters);
 * - `output`: written and persisting after the object ends (permanent tables, OUTPUT
 *   parameters), or returned to the caller (result sets);
 * - `intermediate`: a structure written and read inside (#temp tables, @table variables,
 *   variables carrying data from one statement to another);
 * - `internal`: plumbing that carries no business data (cursors, loop counters, called
 *   procedures, dynamic SQL).
 */
export type NodeRole = 'input' | 'output' | 'intermediate' | 'internal';

interface NodeBase {
  /** Unique in the graph, stable across runs, /^[A-Za-z][A-Za-z0-9_]*$/ (renderers add a
   * prefix, so reserved words such as `end` are no concern here). E.g. `t_dbo_orders`,
   * `tmp_kpi`, `tv_rows`, `v_max`, `p_from`, `cur_orders`, `proc_dbo_usp_load`, `rs_1`, `dyn_1`. */
  readonly id: string;
  /** Normalised name: `dbo.orders`, `sales.dbo.orders`, `#kpi`, `@rows`, `@max`, `cur_orders`. */
  readonly name: string;
  /** The name as first written in the source (brackets removed): `dbo.Orders`, `#Kpi`. */
  readonly label: string;
  readonly role: NodeRole;
  /** Columns known to be read or written (normalised lower-case), in order of first use;
   * declared columns first for #temp tables and table variables. Empty for scalars. */
  readonly columns: readonly string[];
  /** First line where the object is declared or referenced. */
  readonly line: number;
}

/** A permanent table or view (anything that outlives the object). */
export interface TableNode extends NodeBase {
  readonly kind: 'table';
  /**
   * Set when the name is a synonym (`CREATE SYNONYM dbo.Cust FOR Sales.Customer`): what it stands
   * for. The node keeps the name the code uses; the contract's reads and writes, and the reports,
   * name the target, which is what holds the rows.
   */
  readonly synonymOf?: SynonymTarget;
}

/** What a synonym stands for: its normalised name (`otherdb.dbo.orders`) and as written (`OtherDb.dbo.Orders`). */
export interface SynonymTarget {
  readonly name: string;
  readonly label: string;
}

/** A `#temp` table (or `##global` one), scoped to the analysed object. */
export interface TempTableNode extends NodeBase {
  readonly kind: 'temp-table';
  readonly global: boolean;
}

/** A `DECLARE @t TABLE (…)` variable or a table-valued parameter. */
export interface TableVariableNode extends NodeBase {
  readonly kind: 'table-variable';
}

/** A scalar `DECLARE @x` variable. */
export interface VariableNode extends NodeBase {
  readonly kind: 'variable';
  readonly dataType?: string;
}

/** A scalar parameter of the object; OUTPUT parameters are outputs. */
export interface ParameterNode extends NodeBase {
  readonly kind: 'parameter';
  readonly dataType: string;
  readonly output: boolean;
}

/** A cursor; its declaring query reads tables, FETCH writes variables from it. */
export interface CursorNode extends NodeBase {
  readonly kind: 'cursor';
}

/** A procedure called with EXEC. `linked` when the callee is in the analysed set; its graph
 * then has `object.name === name`. */
export interface ProcedureNode extends NodeBase {
  readonly kind: 'procedure';
  readonly linked: boolean;
}

/** Rows returned to the caller by a SELECT that is not an assignment or INSERT source. */
export interface ResultSetNode extends NodeBase {
  readonly kind: 'result-set';
  /** 1-based, in source order. */
  readonly index: number;
}

/** SQL built at run time (`EXEC (@sql)`, `sp_executesql`): the tables it touches are unknown. */
export interface DynamicSqlNode extends NodeBase {
  readonly kind: 'dynamic-sql';
}

/**
 * A user table-valued function read in FROM or APPLY (`FROM dbo.fn_FeesFor(@AsOf) AS f`): a
 * rowset the step reads, not a table (the contract's `reads` leaves it out, as DESIGN.md says of
 * functions). `columns` are its output columns where the analysed set defines it; `reads` the
 * tables its body reads (an inline function's SELECT, a multi-statement function's statements).
 */
export interface TableFunctionNode extends NodeBase {
  readonly kind: 'function';
  readonly reads: readonly SynonymTarget[];
  /** `inline` or `multi` when the analysed set defines the function; absent when it does not. */
  readonly functionType?: 'inline' | 'multi';
}

/** Anything data can flow into or out of. */
export type GraphNode =
  | TableNode
  | TempTableNode
  | TableVariableNode
  | VariableNode
  | ParameterNode
  | CursorNode
  | ProcedureNode
  | ResultSetNode
  | DynamicSqlNode
  | TableFunctionNode;

export type NodeKind = GraphNode['kind'];

/** A function per node kind; a new kind that a visitor forgets fails to compile. */
export type NodeVisitor<R> = { readonly [K in NodeKind]: (node: Extract<GraphNode, { kind: K }>) => R };

/** What a step is, from its statement. Control flow (IF, WHILE, BEGIN/END, TRY) is not a step:
 * it is the step's `context`. */
export type StepKind =
  | 'select' // returns a result set
  | 'select-into' // SELECT … INTO creates and fills a table
  | 'select-assign' // SELECT @x = … (assigns variables)
  | 'insert'
  | 'insert-exec' // INSERT … EXEC proc
  | 'update'
  | 'delete'
  | 'merge'
  | 'truncate'
  | 'set' // SET @x = …
  | 'declare' // DECLARE of variables with an initial value, or of a table variable
  | 'create-table'
  | 'alter-table' // ALTER TABLE of a #temp table (columns added or dropped)
  | 'drop-table'
  | 'declare-cursor'
  | 'open'
  | 'fetch'
  | 'close'
  | 'deallocate'
  | 'exec' // EXEC of a procedure
  | 'exec-dynamic' // EXEC (@sql) / sp_executesql
  | 'return'
  | 'transaction' // BEGIN/COMMIT/ROLLBACK TRANSACTION
  | 'print' // PRINT, RAISERROR, THROW
  | 'other' // recognised but without data flow of interest (SET NOCOUNT ON, …)
  | 'unparsed'; // the parser could only skip it (a diagnostic says why)

/** A node read or written by a step, with the columns involved. */
export interface NodeAccess {
  /** A node id. */
  readonly node: string;
  /** Normalised column names, sorted; `*` for all columns; empty for scalars or when unknown. */
  readonly columns: readonly string[];
}

/** The kind of a control-flow block a step runs in. `cursor-loop` is a WHILE that fetches from
 * a cursor; `else` is the ELSE branch of the `if` with the same line range start. */
export type ControlKind = 'while' | 'cursor-loop' | 'if' | 'else' | 'try' | 'catch';

/** A control-flow block enclosing a step. */
export interface ControlContext {
  readonly kind: ControlKind;
  /** Unique per block in the graph, stable, /^[A-Za-z][A-Za-z0-9_]*$/: `b1`, `b2`, … in source order. */
  readonly id: string;
  /** Short text of the condition: `WHILE @@FETCH_STATUS = 0`, `IF @mode = 1`, `ELSE`, `TRY`. */
  readonly label: string;
  readonly lines: LineRange;
  /** For a `cursor-loop`: the id of the cursor node it fetches from. */
  readonly cursor?: string;
  /** What the condition reads (variables, parameters, tables in subqueries; the cursor of a
   * cursor loop): these decide whether and how often the block's statements run, so every value
   * they write depends on them (control dependence). Absent when the condition reads nothing. */
  readonly controls?: readonly NodeAccess[];
}

/** One statement of the object with its data flow. */
export interface Step {
  readonly kind: StepKind;
  /** `s1`, `s2`, … by `index`. */
  readonly id: string;
  /** 1-based order of the step in the object. */
  readonly index: number;
  readonly lines: LineRange;
  /** A short summary for diagrams: `INSERT #kpi`, `UPDATE dbo.orders`, `FETCH cur_orders`. */
  readonly label: string;
  readonly reads: readonly NodeAccess[];
  readonly writes: readonly NodeAccess[];
  /** Ids of procedure or dynamic-sql nodes this step hands control to (EXEC, INSERT … EXEC). */
  readonly calls: readonly string[];
  /**
   * Written nodes whose rows before the statement are part of its result (sorted ids): the
   * target of an UPDATE, a MERGE, a DELETE with a condition, an INSERT or OUTPUT INTO (earlier
   * rows survive). Absent when there is none. Not a read in the analyze contract's sense: it
   * is what a section that runs this statement must be given (its prior rows).
   */
  readonly modifies?: readonly string[];
  /**
   * Columns of its own target an UPDATE, DELETE or MERGE reads (its SET values, WHERE, ON, a CTE
   * it deletes through): `UPDATE t SET q = q - @n WHERE id = @id` reads t.q and t.id, so the
   * table's rows before the statement feed it. Kept out of `reads`, which the analyze
   * contract's `reads` come from (there a target is a read only where it is named again as a
   * separate source); reports (inputs, step table, diagrams, lineage) count both. Absent when
   * there is none.
   */
  readonly targetReads?: readonly NodeAccess[];
  /**
   * The equalities of a column of its own target to a variable among the AND-ed terms of an
   * UPDATE's or DELETE's WHERE (`WHERE [Ward Code] = @Ward`: column `ward code`, the variable's
   * node id): the statement changes only the rows holding that value. Absent when there is none.
   */
  readonly keyedOn?: readonly KeyFilter[];
  /**
   * Tables read as of a time (`FOR SYSTEM_TIME AS OF|FROM…TO|BETWEEN…AND|CONTAINED IN|ALL`), with
   * the history table the DDL gives them (both are in `reads`: the rows of both feed the
   * statement). Sorted ids; absent when there is none.
   */
  readonly temporal?: readonly string[];
  /**
   * The step whose outcome this one reads: `@@ROWCOUNT` and `@@ERROR` describe the statement run
   * just before, `SCOPE_IDENTITY()` and `@@IDENTITY` the last INSERT or MERGE before it (also
   * when they are read by the condition of an IF around this step). The two belong together: cut
   * apart, the reader sees another statement's count. Absent when the step reads none of them.
   */
  readonly follows?: string;
  /**
   * DML triggers the statement fires (the set's scripts define them on a table it writes, for
   * its INSERT, UPDATE or DELETE; a MERGE fires those of the actions it has), in table then
   * trigger name order. What they write is part of what the statement does, though the object
   * never names those tables: the trigger's own graph shows it. Absent when there is none.
   */
  readonly fires?: readonly FiredTrigger[];
  /**
   * For a step that EXECs a procedure the analysed set defines: the tables (and the caller's
   * #temp tables) the callee reads and writes, its own nested EXECs' included. They are also in
   * this step's `reads`/`writes` (and `modifies`), so a section cut around the EXEC is given and
   * expects them; this list tells them apart from what the statement itself names, which is all
   * the analyze contract's `reads`/`writes` count. Absent when there is none.
   */
  readonly through?: readonly CalleeAccess[];
  /** The enclosing blocks, outermost first; empty at the top level. */
  readonly context: readonly ControlContext[];
}

/** One `column = @variable` term of a WHERE (see `Step.keyedOn`). */
export interface KeyFilter {
  readonly column: string;
  readonly variable: string;
}

/** A node a step reads or writes only inside a procedure it EXECs (see `Step.through`). */
export interface CalleeAccess {
  readonly node: string;
  readonly access: 'read' | 'write';
  /** The procedures whose own statements read or write it, as their CREATE writes them (`dbo.usp_StageOrders`). */
  readonly via: readonly string[];
}

/** A DML trigger of a table, as the set's scripts define it (the definition in effect). */
export interface TriggerRef {
  /** Normalised name (`sales.trg_order_audit`), the trigger graph's `object.name`. */
  readonly name: string;
  /** As written (`Sales.trg_Order_Audit`). */
  readonly label: string;
  /** `AFTER`, `FOR` (the same as AFTER) or `INSTEAD OF`. */
  readonly timing: string;
  /** Upper-case: `INSERT`, `UPDATE`, `DELETE`. */
  readonly events: readonly string[];
}

/** A trigger a step fires: the written table's node id, the trigger, and the events of this step that fire it. */
export interface FiredTrigger {
  readonly node: string;
  readonly name: string;
  readonly label: string;
  readonly timing: string;
  readonly events: readonly string[];
}

/** How a written column is computed from its sources. */
export type LineageTransform = 'copy' | 'expression' | 'aggregate' | 'window' | 'case' | 'constant';

/** A column of a node. For scalar variables and parameters `column` is the node's name (`@max`). */
export interface ColumnRef {
  readonly node: string;
  readonly column: string;
}

/**
 * Where one written column comes from in one step. `sources` are the immediate sources: node
 * columns, with CTEs and derived tables already resolved through (they are not nodes), but
 * #temp tables, table variables and variables kept as sources, so a chain can be followed
 * step by step (renderers trace it back to the inputs). A column written by several steps has
 * one entry per step.
 */
export interface ColumnLineage {
  readonly target: ColumnRef;
  readonly sources: readonly ColumnRef[];
  readonly transform: LineageTransform;
  /** Ids of the steps doing the write (usually one). */
  readonly via: readonly string[];
  /** Source text of the expression when it is not a plain copy, shortened to ~80 chars. */
  readonly expression?: string;
}

/** Counts and the interaction points of the object; lists hold node ids, sorted. */
export interface GraphSummary {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly intermediates: readonly string[];
  /** #temp tables and table variables. */
  readonly temps: readonly string[];
  readonly variables: number;
  /** Every statement the parser recognised, control flow included (the analyze contract). */
  readonly statements: number;
  readonly loops: number;
  readonly cursors: number;
  readonly dynamicSql: number;
  readonly unparsed: number;
}

export type ComplexityGrade = 'low' | 'medium' | 'high' | 'very high';

/** How hard the object will be to migrate, with the reason for the grade in words. */
export interface Complexity {
  readonly statements: number;
  readonly loops: number;
  readonly cursors: number;
  readonly tempStructures: number;
  readonly dynamicSql: number;
  /** Deepest nesting of control-flow blocks (0 = straight-line code). */
  readonly maxNesting: number;
  readonly grade: ComplexityGrade;
  /** E.g. `2 cursor loops nested 3 deep, 4 temp tables`. */
  readonly reason: string;
}

/** The data-flow graph of one procedure, function, trigger, view or script. Edges are not
 * stored: they are the steps' `reads` (node -> step) and `writes` (step -> node). */
export interface DataFlowGraph {
  readonly kind: 'DataFlowGraph';
  readonly version: 1;
  readonly object: AnalysedObject;
  /** Sorted by kind order of `NodeKind` as listed above, then id. */
  readonly nodes: readonly GraphNode[];
  /** In source order. */
  readonly steps: readonly Step[];
  /** Ordered by the first step in `via`, then target node and column. */
  readonly lineage: readonly ColumnLineage[];
  readonly summary: GraphSummary;
  readonly complexity: Complexity;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Display only: lower-case names (columns above all) -> their spelling as first written in the
   * object (`wwi city id` -> `WWI City ID`). Not part of the .json file (derived from the source).
   */
  readonly spellings?: Readonly<Record<string, string>>;
}

/** One object of a system graph, with its external interface (normalised names). */
export interface SystemObject {
  readonly kind: 'system-object';
  /** `AnalysedObject.name`. */
  readonly name: string;
  /** `AnalysedObject.displayName`, for diagrams. */
  readonly displayName: string;
  readonly objectKind: ObjectKind;
  readonly file: string;
  readonly grade: ComplexityGrade;
  /** Permanent tables read (inputs, and outputs that are also read). */
  readonly reads: readonly string[];
  /** Of `reads`, the tables read only in IF/WHILE conditions, directly or through variables they test (absent when none). */
  readonly controlReads?: readonly string[];
  /** Permanent tables written. */
  readonly writes: readonly string[];
  /** Procedures called (normalised names), linked or not. */
  readonly calls: readonly string[];
}

/** `feeds`: `from` writes `table`, which `to` reads. `calls`: `from` EXECs `to`. */
export type SystemLink =
  /** `controls`: every table of the link is one `to` reads only in IF/WHILE conditions (directly or through variables they test), so it
   * decides what `to` does rather than feeding it rows (control dependence). */
  | { readonly kind: 'feeds'; readonly from: string; readonly to: string; readonly tables: readonly string[]; readonly controls?: true }
  | { readonly kind: 'calls'; readonly from: string; readonly to: string };

/** Several analysed objects and how they depend on each other. */
export interface SystemGraph {
  readonly kind: 'SystemGraph';
  /** Sorted by name. */
  readonly objects: readonly SystemObject[];
  /** Sorted by kind, from, to. */
  readonly links: readonly SystemLink[];
  /** A migration order: objects in dependency order (producers and callees first); objects of
   * a cycle are adjacent, in name order. */
  readonly order: readonly string[];
  /** Each cycle's object names (sorted), for strongly connected groups of more than one
   * object or an object depending on itself. */
  readonly cycles: readonly (readonly string[])[];
}
