import type { Expression, Variable } from './expressions';
import type { DataType, Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { Select } from './queries';
import type { Statement } from './script';

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
  /** A computed column declared PERSISTED (computed at each write). */
  readonly persisted?: true;
  readonly nullable: boolean | undefined;
  readonly identity: boolean;
  /** `IDENTITY(seed, increment)` as written (integers); absent for a bare IDENTITY (1, 1). */
  readonly identityArgs?: { readonly seed: string; readonly increment: string };
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
  /** An inline `INDEX ix UNIQUE (…)`: a unique index (duplicates fail with 2601). */
  readonly unique?: true;
  /** An inline index with a WHERE: a filtered index. */
  readonly filtered?: true;
  /** `WITH (IGNORE_DUP_KEY = ON)`: SQL Server drops a row repeating the key, with a warning, instead of failing. */
  readonly ignoreDupKey?: true;
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
