import type { Expression } from './expressions';
import type { DataType, Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { TableVariableDeclaration } from './procedural-statements';
import type { Select } from './queries';
import type { Statement } from './script';

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
