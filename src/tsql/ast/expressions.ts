import type { DataType, Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { OrderByItem, Select } from './queries';

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
