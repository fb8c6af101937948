import type { Cte, Identifier } from '../tsql';
import type { DraftNode } from './node-registry';
import type { Origin } from './step-recorder';

/** One output column of a query, derived table, CTE or cursor. */
export interface OutputColumn {
  /** Normalised (lower-case) name; `''` when the expression has no name. */
  readonly name: string;
  readonly origin: Origin;
}

/**
 * Something a column reference can point at inside one query: a graph node (table, #temp,
 * @table variable), a derived table or CTE with known output columns, or an opaque rowset
 * (table-valued function, PIVOT) whose columns all derive from the same sources.
 */
export interface Relation {
  /** Names a qualifier may use: the alias when there is one, else the table's base name and
   * full normalised name. Lower-case. */
  readonly names: readonly string[];
  readonly node?: DraftNode;
  /** False for the instance an UPDATE/DELETE targets: referencing it is not a read. */
  readonly countsAsRead: boolean;
  /** The statement's own UPDATE/DELETE/MERGE target: a column read of it is a Step.targetReads. */
  readonly target?: boolean;
  readonly columns?: ReadonlyMap<string, Origin>;
  readonly columnOrder?: readonly string[];
  /** For opaque rowsets: what every column of it derives from. */
  readonly opaque?: Origin;
  /** The node's own rows, named directly (`FROM dbo.t`, a DML target named as itself, a trigger's
   * `inserted`/`deleted`): its columns are exactly the table's, so a name it lacks is an error on
   * SQL Server (207), not a column of something else (a CTE or view over it, a derived table). */
  readonly exact?: boolean;
  /** Columns only partly known (a derived table or CTE over `*` of an unknown rowset, a CTE read
   * inside its own recursion): `columnOrder` may lack names the relation has. */
  readonly open?: boolean;
}

/** The CTEs visible at a point: a name -> CTE map chained to the enclosing query's. */
export interface CteScope {
  readonly ctes: ReadonlyMap<string, CteEntry>;
  readonly parent: CteScope | undefined;
}

/** A CTE once analysed (output columns), or while its own body is analysed (recursion). */
export interface CteEntry {
  readonly cte: Cte;
  output: readonly OutputColumn[] | undefined;
}

/** The relations of one query block, chained to the enclosing block for correlated references. */
export interface Scope {
  readonly relations: Relation[];
  readonly parent: Scope | undefined;
}

/** Lower-cases an identifier's value (T-SQL names are compared case-insensitively). */
export function lowerName(id: Identifier): string {
  return id.name.toLowerCase();
}

/** Finds a CTE by name in the chain of scopes. */
export function findCte(scope: CteScope | undefined, name: string): CteEntry | undefined {
  for (let s = scope; s; s = s.parent) {
    const found = s.ctes.get(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The one relation an unqualified column name surely belongs to on SQL Server although that
 * relation lacks it: the innermost block reads only that relation, named directly (`exact`),
 * and no relation of it or of an enclosing block could hold the name (each one's columns are
 * known, none has it), so the name binds nowhere (error 207). Undefined wherever that is not
 * certain: joins, rowsets of unknown columns, names an outer block might have.
 */
export function onlyRelationLacking(scope: Scope | undefined, column: string, known: (node: DraftNode) => readonly string[] | undefined): Relation | undefined {
  const only = scope?.relations.length === 1 ? scope.relations[0] : undefined;
  if (only?.exact !== true) return undefined;
  for (let s = scope; s; s = s.parent) {
    for (const rel of s.relations) {
      const cols = rel.open === true ? undefined : relationColumns(rel, known);
      if (cols === undefined || cols.includes(column)) return undefined;
    }
  }
  return only;
}

/** The columns a relation is known to have, or undefined when unknown. */
export function relationColumns(rel: Relation, known: (node: DraftNode) => readonly string[] | undefined): readonly string[] | undefined {
  if (rel.columnOrder) return rel.columnOrder;
  if (rel.node) return known(rel.node);
  return undefined;
}
