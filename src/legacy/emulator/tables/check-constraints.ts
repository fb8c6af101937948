import { LegacyError } from '../../../core';
import type { ColumnDefinition, TableConstraint, TableDefinition } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import { storedColumnsRow } from './computed-columns';
import type { TsqlFailure } from '../engine-errors';
import { SqlTranslator } from '../expressions';
import { SqlScope } from '../sql-scope';
import type { EmulatorState } from '../state';
import { inlineMacroCalls } from '../read-once-macros';

/*
 * CHECK constraints, enforced as SQL Server does: a row an INSERT, UPDATE or MERGE writes must
 * not make the expression FALSE (UNKNOWN passes), else the statement fails with error 547 and
 * writes nothing; TRY/CATCH catches it. Each constraint becomes a DuckDB CHECK over the
 * translated expression, so DuckDB tests every written row at the statement itself (also rows
 * of INSERT … SELECT and UPDATE, and input rows loaded into the table: SQL Server could not hold
 * a row that violates an enabled constraint). A tag literal in the DuckDB expression names the
 * constraint in DuckDB's error, which is how the failure is mapped back to it.
 */

/** What error 547 needs to name a constraint: as SQL Server's message does. */
export interface CheckConstraintInfo {
  /** The constraint's name as written; undefined when SQL Server would generate one (CK__T__c__1A2B3C4D). */
  readonly name: string | undefined;
  /** The table as SQL Server names it in the message (`dbo.T`). */
  readonly table: string;
  /** The one column a column-level constraint belongs to (the message names it). */
  readonly column: string | undefined;
  /** Where the constraint is written (a refusal about it points there). */
  readonly location: LegacyError['location'];
  /** A computed column's NOT NULL (error 515), not a CHECK constraint (547). */
  readonly notNull?: boolean;
}

/** A CHECK of a table definition: the constraint and, for a column-level one, its column. */
export interface DefinedCheck {
  readonly constraint: TableConstraint;
  readonly column: ColumnDefinition | undefined;
}

/** Every CHECK constraint of a definition: the table-level ones and those written on a column. */
export function definedChecks(definition: TableDefinition): DefinedCheck[] {
  const out: DefinedCheck[] = [];
  for (const col of definition.columns) {
    for (const c of col.constraints) if (c.type === 'CHECK') out.push({ constraint: c, column: col });
  }
  for (const c of definition.constraints) if (c.type === 'CHECK') out.push({ constraint: c, column: undefined });
  return out;
}

const TAG = '__tsql_check_';

/**
 * The DuckDB CHECK clauses of a table's enabled CHECK constraints (one per constraint), each
 * registered in the state for error 547. A constraint whose expression the emulator cannot
 * translate (a variable, an unsupported function, a computed column) is refused at the
 * constraint: enforcing part of the rules would capture rows SQL Server rejects.
 */
export async function checkClauses(state: EmulatorState, definition: TableDefinition, sqlName: string): Promise<string[]> {
  const checks = definedChecks(definition);
  if (checks.length === 0) return [];
  const { columns: plain, row } = storedColumnsRow(state, definition);
  const clauses: string[] = [];
  for (const { constraint, column } of checks) {
    const label = constraint.name === undefined ? 'a CHECK constraint' : `the CHECK constraint ${constraint.name.name}`;
    if (constraint.expression === undefined) throw state.unsupported(constraint, `${label} without an expression`);
    const scope = new SqlScope();
    scope.add('', plain);
    const t = new SqlTranslator(state);
    t.variables = new Map();
    t.inTableDefinition = true;
    let sql: string;
    try {
      // DuckDB takes no lambda in a CHECK (read-once-macros.ts)
      sql = inlineMacroCalls(t.expr(constraint.expression, scope).sql);
    } catch (err) {
      if (err instanceof LegacyError) throw state.unsupported(constraint, `${label} (${err.message.replace(/^the emulator does not support /, '')})`);
      throw err;
    }
    if (t.params.length > 0) throw state.unsupported(constraint, `${label} (its expression needs values known only at run time)`);
    try {
      await state.session.describe(`SELECT (${sql}) IS NOT FALSE AS v FROM (${row}) AS __row`);
    } catch (err) {
      throw state.unsupported(constraint, `${label} (${err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '').split('\n')[0] : String(err)})`);
    }
    const id = state.checkConstraints.length;
    const location = state.loading === undefined ? state.locate(constraint.span) : { ...state.loading, span: constraint.span };
    state.checkConstraints.push({ name: constraint.name?.name, table: readableTableName(sqlName), column: column?.name.name, location });
    // `IS NOT FALSE`: SQL Server rejects a row only when the expression is FALSE, never when UNKNOWN.
    clauses.push(`CHECK (((${sql}) IS NOT FALSE) AND '${TAG}${id}' IS NOT NULL)`);
  }
  return clauses;
}

/** The constraint a DuckDB CHECK failure names, when it is one checkClauses made. */
export function violatedCheck(state: EmulatorState, raw: string): CheckConstraintInfo | undefined {
  if (!/^(?:[A-Za-z ]*Error:\s*)*Constraint Error: CHECK constraint failed/.test(raw)) return undefined;
  const tag = new RegExp(`${TAG}(\\d+)`).exec(raw);
  return tag === null ? undefined : state.checkConstraints[Number(tag[1])];
}

/**
 * The DuckDB CHECK that stands for a computed column's NOT NULL (`c AS (…) PERSISTED NOT NULL`;
 * DuckDB admits no constraint on a generated column): the expression must not be NULL.
 */
export function notNullClause(state: EmulatorState, expressionSql: string, sqlName: string, column: string): string {
  const id = state.checkConstraints.length;
  state.checkConstraints.push({ name: undefined, table: readableTableName(sqlName), column, location: state.loading ?? state.at, notNull: true });
  return `CHECK (((${expressionSql}) IS NOT NULL) AND '${TAG}${id}' IS NOT NULL)`;
}

/**
 * Error 547 for a DuckDB CHECK failure of a constraint checkClauses made (515 for a computed
 * column's NOT NULL, notNullClause), or undefined when the
 * error is not one. `statement` is the keyword SQL Server names (INSERT, UPDATE, MERGE). The
 * message names the database and, for an unnamed constraint, the name SQL Server generated:
 * neither is known here, so it is marked unknowable (ERROR_MESSAGE() of it is refused).
 */
export function checkViolation(state: EmulatorState, raw: string, statement: string): TsqlFailure | undefined {
  const info = violatedCheck(state, raw);
  if (info === undefined) return undefined;
  if (info.notNull === true) {
    return {
      number: 515,
      message: `Cannot insert the value NULL into column '${info.column ?? ''}', table '${info.table}'; column does not allow nulls. ${statement} fails.`,
      messageUnknown: 'names the database',
    };
  }
  const name = info.name ?? `CK__${info.table.split('.').pop() ?? ''}__…`;
  const column = info.column === undefined ? '' : `, column '${info.column}'`;
  return {
    number: 547,
    message: `The ${statement} statement conflicted with the CHECK constraint "${name}". The conflict occurred in database "…", table "${info.table}"${column}.`,
    messageUnknown: info.name === undefined ? 'names the database and the constraint name SQL Server generates' : 'names the database',
  };
}
