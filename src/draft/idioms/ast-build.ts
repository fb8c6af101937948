import type { SourceSpan } from '../../core';
import type {
  Binary, ColumnRef, Expression, Identifier, In, Node, QuerySpec, Select, SelectItem, TableRef, TableSource,
} from '../../tsql';
import { varKey } from './loop-shape';

/*
 * Building and rewriting syntax trees for rewriters that replace a loop by equivalent
 * set-based T-SQL statements (translated afterwards by the framework like any other). Every
 * built node carries the span of the legacy construct it stands for, so a refusal met while
 * translating it still points at the legacy file's line and column.
 */

/**
 * A copy of `value` where every node `f` answers for is replaced (its subtree is not
 * visited); spans are kept as they are.
 */
export function mapTree<T>(value: T, f: (n: Node) => Node | undefined): T {
  if (Array.isArray(value)) return value.map((v) => mapTree(v, f) as unknown) as T;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.kind === 'string') {
      const r = f(o as unknown as Node);
      if (r) return r as unknown as T;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'span' ? v : mapTree(v, f);
    return out as T;
  }
  return value;
}

/** `tree` with each variable of `values` (lower-case names) replaced by its expression. */
export function substituteVariables<T>(tree: T, values: ReadonlyMap<string, Expression>): T {
  return mapTree(tree, (n) => (n.kind === 'Variable' ? values.get(varKey(n)) : undefined));
}

/** An identifier. */
export function ident(name: string, span: SourceSpan): Identifier {
  return { kind: 'Identifier', name, quote: /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? 'none' : 'bracket', span };
}

/** `alias.column`. */
export function columnOf(alias: string, column: string, span: SourceSpan): ColumnRef {
  return { kind: 'ColumnRef', parts: [ident(alias, span), ident(column, span)], span };
}

/** `a AND b`, either side optional. */
export function and(a: Expression | undefined, b: Expression | undefined, span: SourceSpan): Expression | undefined {
  if (!a) return b;
  if (!b) return a;
  const e: Binary = { kind: 'Binary', operator: 'AND', left: a, right: b, span };
  return e;
}

/** The conjuncts of a condition (`a AND b AND c` -> a, b, c). */
export function conjuncts(e: Expression | undefined): Expression[] {
  if (!e) return [];
  if (e.kind === 'Binary' && e.operator === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** `CASE WHEN cond THEN 0 ELSE 1 END = 1`: true when `cond` is false or unknown (an IF's ELSE). */
export function notTrue(cond: Expression, span: SourceSpan): Expression {
  const lit = (v: string): Expression => ({ kind: 'Literal', literalType: 'integer', value: v, span });
  const c: Expression = { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when: cond, then: lit('0'), span }], else: lit('1'), span };
  return { kind: 'Binary', operator: '=', left: c, right: lit('1'), span };
}

/** A table reference by a one-part name with an alias. */
export function tableRef(name: string, alias: string, span: SourceSpan): TableRef {
  return { kind: 'TableRef', name: { kind: 'ObjectName', parts: [ident(name, span)], span }, temp: name.startsWith('#'), alias: ident(alias, span), hints: [], span };
}

/** `SELECT items FROM from WHERE where` as a query. */
export function query(items: readonly SelectItem[], from: readonly TableSource[], where: Expression | undefined, span: SourceSpan, distinct = false): Select {
  const body: QuerySpec = { kind: 'QuerySpec', distinct, top: undefined, items, into: undefined, from, where, groupBy: undefined, having: undefined, span };
  return { kind: 'Select', ctes: [], recursive: false, body, orderBy: [], offset: undefined, fetch: undefined, forClause: undefined, option: undefined, span };
}

/** `expression AS alias`. */
export function item(expression: Expression, alias: string | undefined, span: SourceSpan): SelectItem {
  return { kind: 'SelectItem', expression, alias: alias === undefined ? undefined : ident(alias, span), aliasStyle: alias === undefined ? 'none' : 'as', span };
}

/** `x IN (SELECT …)`. */
export function inQuery(expression: Expression, q: Select, span: SourceSpan): In {
  return { kind: 'In', expression, not: false, list: [], query: q, span };
}

/**
 * Whether a SELECT is `TOP 1` (or `TOP (1)`, no PERCENT or WITH TIES) with an ORDER BY of
 * expressions (not select-list positions, which would name another item once the query is
 * rebuilt around one assignment): the first row in that order is the one it returns.
 */
export function topOneOrdered(s: Select): boolean {
  const top = s.body.kind === 'QuerySpec' ? s.body.top : undefined;
  return top !== undefined && !top.percent && !top.withTies && top.expression.kind === 'Literal' && top.expression.literalType === 'integer' && Number(top.expression.value) === 1
    && s.orderBy.length > 0 && s.orderBy.every((o) => o.expression.kind !== 'Literal');
}
