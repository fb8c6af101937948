import type { Diagnostic, LineIndex, SourceSpan } from '../../core';
import type { CreateFunction, CreateProcedure, CreateTrigger, CreateView, Parameter } from './containers';
import type { BulkInsert, DefaultValues, Delete, Insert, Merge, MergeDelete, MergeInsert, MergeUpdate, MergeWhen, OutputClause, Truncate, Update, UpdateAssignment, ValuesSource } from './data-statements';
import type { AlterTable, CreateIndex, CreateOther, CreateTable, Drop } from './ddl';
import type { CaseWhen, Expression, FrameBound, WindowFrame, WindowSpec } from './expressions';
import type { DataType, Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { Block, Break, CloseCursor, ColumnDefinition, Continue, CursorRef, DeallocateCursor, Declare, DeclareCursor, ExecArgument, Execute, Fetch, Goto, If, Label, OpaqueStatement, OpenCursor, Print, Raiserror, Return, SetOption, SetVariable, TableConstraint, TableDefinition, TableVariableDeclaration, Throw, Transaction, TryCatch, Use, VariableDeclaration, Waitfor, While } from './procedural-statements';
import type { Cte, GroupBy, GroupingSpec, OrderByItem, QuerySpec, Select, SelectAssignment, SelectItem, SetOperation, Top } from './queries';
import type { TableSource } from './table-sources';

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
  /** Where the `GO n` that repeats it stands (only when n is not 1). */
  readonly repeatAt?: SourceSpan;
  /**
   * Session settings an earlier batch of the script turned OFF (`SET QUOTED_IDENTIFIER OFF`,
   * `SET ANSI_NULLS OFF`), each with the span of that SET; absent while both are ON, the default
   * of every client but DB-Library. A procedure, function or trigger keeps the two settings its
   * CREATE batch ran under; under QUOTED_IDENTIFIER OFF `"text"` is a string literal.
   */
  readonly settings?: BatchSettings;
}

/** The settings of {@link Batch.settings}: where each was turned OFF. */
export interface BatchSettings {
  readonly quotedIdentifierOff?: SourceSpan;
  readonly ansiNullsOff?: SourceSpan;
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
