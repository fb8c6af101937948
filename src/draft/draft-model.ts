import type { SourceSpan } from '../core';
import type { SqlType } from './sql-types';
import type { Expression } from '../tsql';
import type { IdentitySpec } from './ddl-types';

/*
 * The draft model: a section's legacy statements become parts, each either SQL that
 * reproduces them with SQL Server's semantics or a Refusal saying exactly what is left to
 * write. Nothing in between: a part is never approximated.
 */

/** A translated value: DuckDB SQL text and the T-SQL type SQL Server gives it. */
export interface Translated {
  readonly kind: 'translated';
  readonly sql: string;
  readonly type: SqlType;
  /**
   * For an integer constant: its digits. SQL Server types an integer constant met in decimal
   * arithmetic as decimal(digits, 0), so `2.0 / 3` is 0.666666, not 0.666666666666.
   */
  readonly literalDigits?: number;
  /** Text of ASCII digits only (a date in CONVERT style 112, `20240131`): it converts to a number exactly. */
  readonly digits?: true;
  /** A decimal POWER's type under the documentation's other reading, decimal(38,s) (decimal-power.ts). */
  readonly powerDoubt?: SqlType;
}

/**
 * Something the translator will not translate because it cannot reproduce SQL Server
 * exactly: where it is (file:line:col), the construct as T-SQL names it, why, and the legacy
 * text so the reviewer sees what to write by hand.
 */
export interface Refusal {
  readonly kind: 'refusal';
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly construct: string;
  readonly reason: string;
  readonly legacyText: string;
}

/** One CTE of the drafted query: `name AS (sql)`. */
export interface DraftCte {
  readonly name: string;
  readonly sql: string;
  /** Evaluated once (row numbers that several CTEs join on must not be recomputed). */
  readonly materialized?: boolean;
  /** Reads itself (a recursive CTE): the draft's WITH becomes WITH RECURSIVE. */
  readonly recursive?: boolean;
}

/** A column of a relation the draft tracks (a table's state, a CTE, a SELECT's result). */
export interface DraftColumn {
  readonly name: string;
  readonly type: SqlType;
  /** The column's DEFAULT as the table script declares it (an INSERT that omits the column gets it). */
  readonly default?: Expression;
  /** An IDENTITY column of the table script, its seed and increment (ddl-types.ts). */
  readonly identity?: IdentitySpec;
  /**
   * A computed column a query's FROM could not compute from the rows it reads (a stored column it
   * needs is no input of the section): reading it, by name or through `*`, refuses with this.
   */
  readonly refused?: Refusal;
  /**
   * Identity values an INSERT numbered in no defined order (several rows, no ORDER BY): the
   * values are the counter's, but which row got which is up to SQL Server's plan. A read of the
   * column, by name or through `*`, stops with `error` where `when` holds (that INSERT added
   * several rows); a statement that never reads it runs (identity-keys.ts).
   */
  readonly unordered?: readonly { readonly when: string; readonly error: string }[];
}

/** The SQL of a read of column `c` (`sql`): stopping where its identity values were numbered in no defined order. */
export function columnRead(c: DraftColumn, sql: string): string {
  if (c.unordered === undefined || c.unordered.length === 0) return sql;
  return `(CASE ${c.unordered.map((u) => `WHEN ${u.when} THEN ${u.error}`).join(' ')} ELSE ${sql} END)`;
}

/** A table's state after a statement: the relation (CTE name or input) that holds its rows. */
export interface TableEffect {
  /** Lookup key: `schema.name` lower-case, or `#name` lower-case. */
  readonly table: string;
  readonly relation: string;
  readonly columns: readonly DraftColumn[];
}

/** A variable's value after a statement, as SQL (a scalar expression) or why it is unknown. */
export interface VariableEffect {
  readonly variable: string;
  readonly value: Translated | Refusal;
}

/**
 * The translated SQL for a range of statements: the CTEs it adds, the tables it changes, the
 * variables it sets, and the idiom applied when a loop rewriter produced it.
 */
export interface SqlPart {
  readonly kind: 'sql';
  readonly span: SourceSpan;
  readonly ctes: readonly DraftCte[];
  readonly tables: readonly TableEffect[];
  readonly variables: readonly VariableEffect[];
  /** A query whose rows are a result set (a SELECT without INTO), when the part has one. */
  readonly resultSet?: { readonly relation: string; readonly columns: readonly DraftColumn[]; readonly orderBy?: string };
  readonly notes?: readonly string[];
}

/** A part of the draft: translated SQL for a statement range, or a refusal. */
export type DraftPart = SqlPart | Refusal;

/** Whether a translation result is a refusal. */
export function isRefusal<T>(x: T | Refusal): x is Refusal {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'refusal';
}

/** A translated value of a given type. */
export function translated(sql: string, type: SqlType): Translated {
  return { kind: 'translated', sql, type };
}

/** Formats a refusal as people read it: `file:line:col: construct: reason`. */
export function describeRefusal(r: Refusal): string {
  return `${r.file}:${r.line}:${r.col}: ${r.construct}: ${r.reason}`;
}
