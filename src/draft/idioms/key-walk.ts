import { findAll, type Expression, type QuerySpec, type Statement, type TableSource, type While } from '../../tsql';
import { tableKeyOf } from '../translate-query';
import { conjuncts } from './ast-build';
import { sameExpression } from './loop-levels';
import { bodyStatements, refuse, spelled, variablesRead, variablesWritten, varKey, type IdiomRefusal } from './loop-shape';

/*
 * The key walk: `SELECT @k = MIN(t.k) FROM t WHERE c; WHILE @k IS NOT NULL BEGIN … SELECT @k =
 * MIN(t.k) FROM t WHERE c AND t.k > @k END`, a cursor written by hand. It visits each distinct
 * non-NULL value of t.k under c once, in ascending order, provided the body neither assigns @k
 * nor changes t. Order-independent bodies then run once per distinct value.
 */

/** A recognised key walk. */
export interface KeyWalk {
  /** The walked variable (lower-case), and as first written. */
  readonly variable: string;
  readonly written: string;
  /** The walked column (`t.k`), its FROM and the condition `c` without the step. */
  readonly column: Expression;
  readonly from: readonly TableSource[];
  readonly where: Expression | undefined;
  /** The body without the final step. */
  readonly body: readonly Statement[];
}

/** The variable a `WHILE @k IS NOT NULL` tests, when it is that loop. */
export function walkVariable(s: While): string | undefined {
  const c = s.condition;
  return c.kind === 'IsNull' && c.not && c.expression.kind === 'Variable' ? varKey(c.expression) : undefined;
}

/** `(SELECT MIN(x) FROM … WHERE …)`: its spec and argument. */
function minQuery(e: Expression | undefined): { spec: QuerySpec; column: Expression } | undefined {
  if (!e || e.kind !== 'Subquery' || e.query.body.kind !== 'QuerySpec') return undefined;
  const spec = e.query.body;
  const only = spec.items[0];
  if (spec.items.length !== 1 || !only || only.kind !== 'SelectItem' || spec.groupBy || spec.top || spec.having) return undefined;
  const f = only.expression;
  if (f.kind !== 'FunctionCall' || f.over || f.distinct || f.args.length !== 1 || f.name.parts.map((p) => p.name).join('.').toLowerCase() !== 'min') return undefined;
  return { spec, column: f.args[0] as Expression };
}

/**
 * Recognises a key walk at a `WHILE @k IS NOT NULL` whose variable's value before the loop
 * (`start`, as the caller tracks it) is a MIN query. Undefined when the WHILE is not one; a
 * refusal when it walks but cannot be shown to visit each key once.
 */
export function matchWalkLoop(s: While, start: Expression | undefined, written: ReadonlySet<string>): KeyWalk | IdiomRefusal | undefined {
  const variable = walkVariable(s);
  const first = minQuery(start);
  if (!variable || !first) return undefined;
  const stmts = bodyStatements(s.body);
  const last = stmts[stmts.length - 1];
  const body = stmts.slice(0, -1);
  const step = last && last.kind === 'Select' && last.body.kind === 'QuerySpec' && last.body.items.length === 1 ? last.body.items[0] : undefined;
  if (!last || !step || step.kind !== 'SelectAssignment' || varKey(step.variable) !== variable || step.operator !== '=') {
    const v = spelled(s, variable);
    return refuse(s, `WHILE ${v} IS NOT NULL: the body must end with SELECT ${v} = MIN(…) … AND … > ${v} (the next key)`);
  }
  const spec = (last as { body: QuerySpec }).body;
  const f = step.expression;
  const next = f.kind === 'FunctionCall' && !f.over && f.args.length === 1 && f.name.parts.map((p) => p.name).join('.').toLowerCase() === 'min' ? f.args[0] : undefined;
  if (!next || !sameExpression(next, first.column) || !sameExpression(spec.from as never, first.spec.from as never)) {
    return refuse(last, `the next key is not MIN of the same column over the same tables as the first one`);
  }
  // The step's WHERE: the first WHERE's conditions plus `column > @k`.
  const before = conjuncts(first.spec.where);
  const after = conjuncts(spec.where);
  const isStep = (c: Expression): boolean => c.kind === 'Binary' && ((c.operator === '>' && sameExpression(c.left, first.column) && c.right.kind === 'Variable' && varKey(c.right) === variable)
    || (c.operator === '<' && sameExpression(c.right, first.column) && c.left.kind === 'Variable' && varKey(c.left) === variable));
  const rest = after.filter((c) => !isStep(c));
  if (rest.length !== after.length - 1 || rest.length !== before.length || !rest.every((c) => before.some((b) => sameExpression(b, c)))) {
    return refuse(last, `the next key's WHERE is not the first key's WHERE plus ${first.column.kind === 'ColumnRef' ? first.column.parts.map((p) => p.name).join('.') : 'the column'} > ${spelled(s, variable)}`);
  }
  // The first MIN reads the condition once, the step at every key: one reading the walked
  // variable would select other keys as the walk goes.
  const moving = rest.find((c) => variablesRead(c).has(variable));
  if (moving) return refuse(moving, `the walk's condition reads ${spelled(s, variable)}, the key it walks: it selects other keys as the walk goes`);
  for (const b of body) if (variablesWritten(b).has(variable)) return refuse(b, `${spelled(s, variable)} is assigned inside its walk besides the step`);
  const walked = first.spec.from.flatMap((src) => findAll(src, 'TableRef')).map((t) => tableKeyOf(t));
  const changed = walked.find((t) => written.has(t));
  if (changed) return refuse(s, `the loop changes ${changed}, the table whose keys it walks`);
  return { variable, written: step.variable.name, column: first.column, from: first.spec.from, where: first.spec.where, body };
}

