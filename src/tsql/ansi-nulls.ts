import type { BatchSettings, ContainerStatement, Expression, Node, ParsedScript, Statement } from './ast';
import { childrenOf } from './visitor';

/*
 * SET ANSI_NULLS OFF, as SQL Server keeps it with a procedure, function or trigger created under
 * it: `=`, `<>` and `!=` compare NULL as a value when one side is a variable or a literal NULL
 * (TRUE when both are NULL), and leave comparisons between columns or expressions alone. The
 * emulator and the drafts compare as under ON: they run a procedure, function, trigger or view
 * created under OFF (parseScript records the setting on each batch) as asUnderAnsiNullsOn
 * rewrites it.
 */

// Per script, the top-level statements of its batches that carry settings (few scripts have any):
// analyze asks for every object of a file, so the batches are read once, not once per object.
const settingsByStatement = new WeakMap<ParsedScript, ReadonlyMap<Statement, BatchSettings>>();

/** The settings the batch holding `statement` (a CREATE, or any top-level statement) was parsed and run under. */
export function creationSettingsOf(script: ParsedScript, statement: ContainerStatement | Statement): BatchSettings | undefined {
  let byStatement = settingsByStatement.get(script);
  if (byStatement === undefined) {
    const map = new Map<Statement, BatchSettings>();
    for (const b of script.batches) if (b.settings !== undefined) for (const st of b.statements) map.set(st, b.settings);
    settingsByStatement.set(script, map);
    byStatement = map;
  }
  return byStatement.get(statement as Statement);
}

/** A variable or a literal NULL: the operands ANSI_NULLS OFF compares NULL as a value for. */
function nullable(e: Expression): boolean {
  return e.kind === 'Variable' || (e.kind === 'Literal' && e.literalType === 'null');
}


/**
 * `root` as it behaves under SET ANSI_NULLS OFF, written with ON's operators, so the emulator and
 * the drafts (which compare as under ON) run it exactly. A comparison `a = b` with a variable or
 * a literal NULL on a side (those sides `v`) becomes
 *   `(v1 IS NULL [OR v2 IS NULL]) AND (a IS NULL AND b IS NULL)  OR  NOT (v1 IS NULL [OR …]) AND a = b`
 * (`<>`: `NOT (a IS NULL AND b IS NULL)` in the first branch, `a <> b` in the second): when such
 * an operand is NULL, NULL compares as a value (TRUE against another NULL, else FALSE); when it is
 * not, the comparison is ON's, UNKNOWN included. The test of the variable is never UNKNOWN, so
 * the OR of the two branches is exactly one of them. `x IN (…)` is the OR of its comparisons
 * (`NOT IN` the NOT of it), and a simple CASE with such a WHEN a searched one. Nodes keep the
 * spans of what they replace; unchanged subtrees are shared. Returns `root` itself when nothing
 * changes.
 */
export function asUnderAnsiNullsOn<T extends Node>(root: T): T {
  // Children before their parent, on a stack of its own: a chain of 10,000 ANDs is as deep.
  const done = new Map<Node, Node>();
  const stack: { readonly node: Node; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { readonly node: Node; expanded: boolean };
    if (done.has(top.node)) { stack.pop(); continue; }
    if (!top.expanded) {
      top.expanded = true;
      for (const child of childrenOf(top.node)) if (!done.has(child)) stack.push({ node: child, expanded: false });
      continue;
    }
    stack.pop();
    done.set(top.node, rewriteComparison(copyChildren(top.node, (child) => done.get(child) ?? child)));
  }
  return done.get(root) as T;
}

/** `n` with each child node replaced by `f(child)`; `n` itself when no child changed. */
function copyChildren(n: Node, f: (child: Node) => Node): Node {
  let changed: Record<string, unknown> | undefined;
  for (const key in n) {
    if (key === 'span' || key === 'kind') continue;
    const value = (n as unknown as Record<string, unknown>)[key];
    const next = mapValue(value, f);
    if (next !== value) (changed ??= { ...n })[key] = next;
  }
  return (changed as unknown as Node | undefined) ?? n;
}

function mapValue(value: unknown, f: (child: Node) => Node): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const next = mapValue(v, f);
      if (next !== v) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  if (typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && 'span' in value) return f(value as Node);
  return value;
}

function rewriteComparison(n: Node): Node {
  if (n.kind === 'Binary' && (n.operator === '=' || n.operator === '<>' || n.operator === '!=')) {
    return [n.left, n.right].some(nullable) ? offComparison(n.left, n.right, n.operator === '=', n.span) : n;
  }
  if (n.kind === 'In' && n.query === undefined && n.list.length > 0 && (nullable(n.expression) || n.list.some(nullable))) {
    const any = n.list.map((item) => offComparison(n.expression, item, true, n.span)).reduce((a, b) => bin(a, 'OR', b, n.span));
    return n.not ? not(any, n.span) : any;
  }
  if (n.kind === 'Case' && n.operand !== undefined && n.whens.some((w) => nullable(w.when))) {
    const operand = n.operand;
    return { ...n, operand: undefined, whens: n.whens.map((w) => ({ ...w, when: offComparison(operand, w.when, true, w.span) })) };
  }
  return n;
}

/** `a = b` (or `a <> b` when `equal` is false) with ANSI_NULLS OFF's meaning, as ON's operators. */
function offComparison(a: Expression, b: Expression, equal: boolean, span: Node['span']): Expression {
  const tests = [a, b].filter(nullable).map((v) => isNull(v, span));
  const plain: Expression = { kind: 'Binary', operator: equal ? '=' : '<>', left: a, right: b, span };
  if (tests.length === 0) return plain;
  const bothNull = bin(isNull(a, span), 'AND', isNull(b, span), span);
  const asValues = equal ? bothNull : not(bothNull, span);
  // a literal NULL side is always NULL: the comparison is the value test alone
  if ([a, b].some((e) => e.kind === 'Literal' && e.literalType === 'null')) return asValues;
  const nullOperand = tests.reduce((x, y) => bin(x, 'OR', y, span));
  return bin(bin(nullOperand, 'AND', asValues, span), 'OR', bin(not(nullOperand, span), 'AND', plain, span), span);
}

const isNull = (e: Expression, span: Node['span']): Expression => ({ kind: 'IsNull', expression: e, not: false, span });
const bin = (left: Expression, operator: string, right: Expression, span: Node['span']): Expression => ({ kind: 'Binary', operator, left, right, span });
const not = (e: Expression, span: Node['span']): Expression => ({ kind: 'Unary', operator: 'NOT', operand: e, span });