import type { Expression, Variable } from './expressions';
import type { Identifier } from './names-and-types';
import type { SourceSpan } from '../../core';
import type { NodeBase } from './node-base';
import type { TableSource, TableTarget } from './table-sources';

/**
 * A full query: optional CTEs, a body (one SELECT or set operations of several), ORDER BY,
 * OFFSET/FETCH, FOR XML/JSON and OPTION. Used for SELECT statements and every nested query
 * (subqueries, derived tables, INSERT … SELECT, cursor queries, CTE and view bodies).
 */
export interface Select extends NodeBase {
  readonly kind: 'Select';
  readonly ctes: readonly Cte[];
  readonly recursive: boolean;
  /** Where `WITH XMLNAMESPACES (…)` declares namespaces for the query's xml methods and FOR XML, if it does. */
  readonly xmlNamespaces?: SourceSpan;
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
