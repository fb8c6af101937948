import type { CreateFunction, Expression, FunctionCall, QuerySpec, Statement } from '../../tsql';
import { findAll } from '../../tsql';
import { objectKey } from './catalog';
import { declaredType } from './declared-types';
import { convertSql, quote, type SqlFragment, type SqlTranslator } from './expressions';
import { SqlScope } from './sql-scope';
import { familyOf, toDuckType, type TsqlType } from './tsql-types';

/** SQL Server's limit on nested function (and procedure) calls: error 217 past it. */
export const MAX_NESTING = 32;

/** Functions being inlined, per translator, to detect recursion. */
const inlining = new WeakMap<SqlTranslator, string[]>();

/** One variable of an inlined function body: its declared type and current value as SQL. */
interface Binding {
  readonly type: TsqlType;
  readonly value: SqlFragment;
}

type Env = Map<string, Binding>;

interface Inline {
  readonly t: SqlTranslator;
  readonly fn: CreateFunction;
  readonly returns: TsqlType;
  /** The function as the call writes it and the file defining it: a refusal raised per row names them. */
  readonly written: string;
  readonly file: string;
}

/**
 * A call of a scalar user-defined function inside an expression, translated by inlining its
 * body: each argument converted to its parameter's type, DECLARE/SET/SELECT @v =/IF/RETURN
 * turned into one SQL expression (IF into CASE), and the result converted to the RETURNS type.
 * The expression is evaluated once per row, as SQL Server calls the function once per row.
 * A body the emulator cannot express that way (WHILE, table variables, recursion) is refused
 * at its own file:line:col, unless interpret-calls.ts already ran it for constant arguments.
 */
export function translateUserFunction(t: SqlTranslator, call: FunctionCall, scope: SqlScope): SqlFragment {
  const key = objectKey(call.name.parts);
  const written = call.name.parts.map((p) => p.name).join('.');
  const precomputed = t.state.precomputed.get(call);
  if (precomputed !== undefined && precomputed.kind === 'scalar') {
    return { sql: t.bind(precomputed.value, precomputed.duckType), family: familyOf(precomputed.type), duckType: precomputed.duckType };
  }
  const defined = t.state.catalog.functions.get(key);
  if (defined === undefined) {
    // `d.Location.STDistance(@Here)` parses as a call of a three-part name: when its qualifier is a
    // column in scope, it is a method of that column's CLR type (geography, geometry, hierarchyid)
    const column = scope.lookupRef(call.name.parts.slice(0, -1));
    if (column !== undefined) {
      const method = call.name.parts[call.name.parts.length - 1]?.name ?? '';
      const of = call.name.parts.slice(0, -1).map((p) => (p.quote === 'bracket' ? `[${p.name}]` : p.name)).join('.');
      throw t.state.unsupported(call, `the method ${method}() of the column ${of}${column.tsqlType?.name === undefined ? '' : ` (${column.tsqlType.name})`} (geography, geometry, hierarchyid and CLR type methods are not emulated)`);
    }
    throw t.state.unsupported(call, `the function ${written} (no CREATE FUNCTION for it in the loaded scripts)`);
  }
  const fn = defined.definition;
  if (fn.functionType !== 'scalar' || fn.returns === undefined) throw t.state.unsupported(call, `the table-valued function ${written} used as a scalar value`);
  const stack = inlining.get(t) ?? [];
  if (stack.includes(key)) throw t.state.unsupported(call, `the recursive call of ${written} with arguments that depend on the row (recursion is emulated only for arguments known before the query runs)`);
  if (stack.length >= MAX_NESTING) throw t.state.unsupported(call, `more than ${MAX_NESTING} nested function calls (SQL Server raises error 217)`);
  if (call.args.length !== fn.parameters.length) {
    throw t.state.unsupported(call, `${written} called with ${call.args.length} arguments for ${fn.parameters.length} parameters (SQL Server refuses it: error 313/8144)`);
  }
  // Arguments are translated in the caller's context; the body then sees only its parameters.
  const env: Env = new Map();
  const args = fn.parameters.map((p, i) => {
    const arg = call.args[i] as Expression;
    const type = declaredType(t.state, p.dataType);
    const value = arg.kind === 'Literal' && arg.literalType === 'default'
      ? (p.default === undefined ? nullOf(type) : undefined)
      : convertSql(t.expr(arg, scope), type);
    return { p, type, value };
  });
  const returns = declaredType(t.state, fn.returns);
  const savedVariables = t.variables;
  t.state.sources.push(defined.script);
  stack.push(key);
  inlining.set(t, stack);
  try {
    t.variables = new Map();
    for (const a of args) {
      // A DEFAULT argument takes the parameter's default, evaluated in the function's context.
      const value = a.value ?? convertSql(t.expr(a.p.default as Expression, new SqlScope()), a.type);
      env.set(a.p.name.toLowerCase(), { type: a.type, value: paren(value) });
    }
    const ctx: Inline = { t, fn, returns, written, file: defined.script.file };
    let result = compile(ctx, fn.body, env);
    if (fn.options.some((o) => /RETURNS\s+NULL\s+ON\s+NULL\s+INPUT/i.test(o)) && args.length > 0) {
      const anyNull = args.map((a) => `${(env.get(a.p.name.toLowerCase()) as Binding).value.sql} IS NULL`).join(' OR ');
      result = { ...result, sql: `(CASE WHEN ${anyNull} THEN NULL ELSE ${result.sql} END)` };
    }
    return result;
  } finally {
    t.variables = savedVariables;
    stack.pop();
    t.state.sources.pop();
  }
}

function nullOf(type: TsqlType): SqlFragment {
  const duckType = toDuckType(type);
  return { sql: `CAST(NULL AS ${duckType})`, family: familyOf(type), duckType };
}

function paren(f: SqlFragment): SqlFragment {
  return { ...f, sql: `(${f.sql})` };
}

/** Translates `e` inside the body, where only the function's own variables are visible. */
function expr(ctx: Inline, e: Expression, env: Env): SqlFragment {
  ctx.t.variables = new Map([...env].map(([k, b]) => [k, b.value]));
  return ctx.t.expr(e, new SqlScope());
}

/** The function's return value from `statements` on, as one SQL expression. */
function compile(ctx: Inline, statements: readonly Statement[], env: Env): SqlFragment {
  const [s, ...rest] = statements;
  if (s === undefined) throw ctx.t.state.unsupported(ctx.fn, 'a function whose last statement is not RETURN (SQL Server refuses it: error 455)');
  switch (s.kind) {
    case 'Block': return compile(ctx, [...s.statements, ...rest], env);
    case 'Return': {
      if (s.expression === undefined) throw ctx.t.state.unsupported(s, 'RETURN without a value in a scalar function');
      return paren(convertSql(expr(ctx, s.expression, env), ctx.returns));
    }
    case 'If': {
      if (findAll(s, 'Return').length === 0) {
        assign(ctx, s, env);
        return compile(ctx, rest, env);
      }
      const cond = condition(ctx, s.condition, env);
      const yes = compile(ctx, [s.then, ...rest], new Map(env));
      const no = compile(ctx, s.else === undefined ? rest : [s.else, ...rest], new Map(env));
      return { sql: `(CASE WHEN ${cond} THEN ${yes.sql} ELSE ${no.sql} END)`, family: yes.family, duckType: yes.duckType };
    }
    default:
      assign(ctx, s, env);
      return compile(ctx, rest, env);
  }
}

function condition(ctx: Inline, e: Expression, env: Env): string {
  ctx.t.variables = new Map([...env].map(([k, b]) => [k, b.value]));
  return ctx.t.condition(e, new SqlScope());
}

/** Runs a statement that does not return: updates the variables' values in `env`. */
function assign(ctx: Inline, s: Statement, env: Env): void {
  const { t } = ctx;
  switch (s.kind) {
    case 'Block': for (const x of s.statements) assign(ctx, x, env); return;
    case 'Declare':
      for (const d of s.declarations) {
        if (d.kind === 'TableVariableDeclaration') throw t.state.unsupported(d, 'a table variable in a scalar function called from a query');
        const type = declaredType(t.state, d.dataType);
        const value = d.initialValue === undefined ? nullOf(type) : convertSql(expr(ctx, d.initialValue, env), type);
        env.set(d.variable.name.toLowerCase(), { type, value: paren(value) });
      }
      return;
    case 'SetVariable': {
      if (s.value === undefined) throw t.state.unsupported(s, 'a cursor variable in a function');
      const value: Expression = s.operator === '=' ? s.value : { kind: 'Binary', operator: s.operator.slice(0, -1), left: s.variable, right: s.value, span: s.span };
      setVariable(ctx, s.variable.name, expr(ctx, value, env), env, s);
      return;
    }
    case 'Select': {
      const spec = s.body.kind === 'QuerySpec' ? s.body : undefined;
      if (spec === undefined || spec.items.some((i) => i.kind !== 'SelectAssignment') || s.ctes.length > 0) throw t.state.unsupported(s, 'a SELECT that returns rows inside a function');
      if (spec.from.length === 0 && spec.where === undefined) {
        for (const item of spec.items) if (item.kind === 'SelectAssignment') assign(ctx, { kind: 'SetVariable', variable: item.variable, operator: item.operator, value: item.expression, cursor: undefined, span: item.span }, env);
        return;
      }
      selectAssign(ctx, s, spec, env);
      return;
    }
    case 'If': {
      const cond = condition(ctx, s.condition, env);
      const yes = new Map(env);
      assign(ctx, s.then, yes);
      const no = new Map(env);
      if (s.else !== undefined) assign(ctx, s.else, no);
      for (const [name, before] of env) {
        const a = yes.get(name) as Binding;
        const b = no.get(name) as Binding;
        if (a === before && b === before) continue;
        env.set(name, { type: before.type, value: { sql: `(CASE WHEN ${cond} THEN ${a.value.sql} ELSE ${b.value.sql} END)`, family: before.value.family, duckType: before.value.duckType } });
      }
      return;
    }
    case 'While': inlineWhile(ctx, s, env); return;
    default:
      throw t.state.unsupported(s, `${describe(s)} in a scalar function called from a query (the emulator inlines function bodies made of DECLARE, SET, SELECT @v =, IF, WHILE and RETURN)`);
  }
}

/**
 * Iterations after which an inlined WHILE stops the run: SQL Server would go on looping (a
 * legacy bug the procedure never finishes with), the emulator must not hang on it.
 */
export const MAX_INLINED_ITERATIONS = 100_000;

/** Names of the recursive CTEs of inlined WHILE loops, unique in one translated statement. */
let whileCounter = 0;

/**
 * `WHILE cond body` inside an inlined body (`WHILE @d <= @To BEGIN … SET @d = DATEADD(dd, 1, @d) END`
 * counting working days per row): a recursive CTE whose row is the function's variables, one row
 * per iteration, the next computed from the last while `cond` holds (NULL ends it, as in T-SQL);
 * each variable the body changes is then its value in the last row. BREAK, CONTINUE and RETURN
 * inside the loop, which end an iteration part-way, are refused.
 */
function inlineWhile(ctx: Inline, s: Extract<Statement, { kind: 'While' }>, env: Env): void {
  const { t } = ctx;
  const jump = ['Break', 'Continue', 'Return'].find((k) => findAll(s.body, k as never).length > 0);
  if (jump !== undefined) throw t.state.unsupported(s, `a WHILE loop with ${jump.toUpperCase()} in a scalar function called from a query`);
  // a variable DECLAREd in the body keeps its value from one iteration to the next (DECLARE does
  // not reset it), which the loop's row, made of the variables declared before it, does not hold
  const declared = findAll(s.body, 'Declare')[0];
  if (declared !== undefined) throw t.state.unsupported(declared, 'a DECLARE inside a WHILE loop of a scalar function called from a query');
  const names = [...env.keys()];
  const cte = quote(`__while_${whileCounter++}`);
  const duck = (b: Binding): string => b.value.duckType ?? toDuckType(b.type);
  const at = (name: string): Binding => env.get(name) as Binding;
  const inner: Env = new Map(names.map((n, i) => [n, { type: at(n).type, value: { sql: `${cte}.v${i}`, family: at(n).value.family, duckType: duck(at(n)) } }]));
  const cond = condition(ctx, s.condition, inner);
  const stop = `error('the emulator does not support a WHILE loop of a scalar function running past ${MAX_INLINED_ITERATIONS} iterations (SQL Server would go on)')`;
  const base = `SELECT ${names.map((_, i) => `${cte}.v${i} AS v${i}`).join(', ')}, ${cte}.__it AS __it FROM ${cte} WHERE (${cond}) AND (CASE WHEN ${cte}.__it >= ${MAX_INLINED_ITERATIONS} THEN ${stop} ELSE true END)`;
  const body = new LoopBody(ctx, cte, names, inner, base);
  body.run(s.body, undefined);
  if (body.changed.size === 0) throw t.state.unsupported(s, 'a WHILE loop that changes no variable in a scalar function called from a query (it would never end)');
  const columns = names.map((_, i) => `v${i}`).join(', ');
  const anchor = names.map((n, i) => `CAST(${at(n).value.sql} AS ${duck(at(n))}) AS v${i}`).join(', ');
  const step = names.map((n) => `CAST(${body.value(n).sql} AS ${duck(at(n))})`).join(', ');
  const loop = `WITH RECURSIVE ${cte}(${columns}, __it) AS (SELECT ${anchor}, 0 UNION ALL SELECT ${step}, ${body.alias}.__it + 1 FROM (${body.from}) AS ${body.alias})`;
  for (const n of body.changed) {
    const i = names.indexOf(n);
    env.set(n, { type: at(n).type, value: { sql: `(${loop} SELECT v${i} FROM ${cte} ORDER BY __it DESC LIMIT 1)`, family: at(n).value.family, duckType: duck(at(n)) } });
  }
}

/**
 * One iteration of an inlined WHILE as layers of SELECTs over the loop's row: each statement of
 * the body reads the variables as columns of the layer before it and writes them as columns of a
 * new one. Substituting each SET's SQL into the next instead copied `@dayEnd` into `@e`, `@e` into
 * `@mins` and each again under every CASE, date range check and IF: a business-minutes function
 * (four SETs under an IF per day) grew a query DuckDB took 14 s to plan for 5 rows, and one more IF
 * ran it out of memory. An IF's branches run under guard columns (its condition, NULL as false,
 * computed once before either branch changes what it reads); a statement under a guard keeps a
 * variable's value where the guard is false.
 */
class LoopBody {
  /** The innermost SELECT (the loop's row where its condition holds) wrapped in one layer per statement. */
  from: string;
  alias: string;
  readonly changed = new Set<string>();
  private layer = 0;
  private readonly guards: string[] = [];
  private env: Env;

  constructor(private readonly ctx: Inline, private readonly cte: string, private readonly names: string[], inner: Env, base: string) {
    this.from = base;
    this.alias = quote(`${cte.replace(/"/g, '')}_l0`);
    this.env = this.rebind(inner);
  }

  value(name: string): SqlFragment {
    return (this.env.get(name) as Binding).value;
  }

  /** `guard`: the guard column under which `s` runs (none at the loop body's top level). */
  run(s: Statement, guard: string | undefined): void {
    if (s.kind === 'Block') {
      for (const x of s.statements) this.run(x, guard);
      return;
    }
    if (s.kind === 'If') {
      const cond = `COALESCE((${condition(this.ctx, s.condition, this.env)}), false)`;
      const outer = guard === undefined ? 'true' : `${this.alias}.${guard}`;
      const [yes, no] = this.push(new Map(), [`(${outer} AND ${cond})`, `(${outer} AND NOT ${cond})`]);
      this.run(s.then, yes);
      if (s.else !== undefined) this.run(s.else, no);
      return;
    }
    const after: Env = new Map(this.env);
    assign(this.ctx, s, after);
    const values = new Map<string, SqlFragment>();
    for (const n of this.names) {
      const b = after.get(n) as Binding;
      if (b === this.env.get(n)) continue;
      this.changed.add(n);
      const old = this.value(n);
      values.set(n, guard === undefined ? b.value : { ...b.value, sql: `(CASE WHEN ${this.alias}.${guard} THEN ${b.value.sql} ELSE ${old.sql} END)` });
    }
    if (values.size > 0) this.push(values, []);
  }

  /** Wraps the current layer in one that sets `values` and adds a guard column per `guards`; returns their names. */
  private push(values: Map<string, SqlFragment>, guards: string[]): string[] {
    const prev = this.alias;
    this.layer++;
    this.alias = quote(`${this.cte.replace(/"/g, '')}_l${this.layer}`);
    const cols = this.names.map((n, i) => `${values.get(n)?.sql ?? this.value(n).sql} AS v${i}`);
    const carried = this.guards.map((g) => `${prev}.${g} AS ${g}`);
    const added = guards.map((g, i) => {
      const name = `g${this.guards.length + i}`;
      return { name, sql: `${g} AS ${name}` };
    });
    this.from = `SELECT ${[...cols, ...carried, ...added.map((a) => a.sql), `${prev}.__it AS __it`].join(', ')} FROM (${this.from}) AS ${prev}`;
    this.guards.push(...added.map((a) => a.name));
    this.env = this.rebind(this.env);
    return added.map((a) => a.name);
  }

  /** The variables as the columns of the current layer. */
  private rebind(env: Env): Env {
    return new Map(this.names.map((n, i) => {
      const b = env.get(n) as Binding;
      return [n, { type: b.type, value: { sql: `${this.alias}.v${i}`, family: b.value.family, duckType: b.value.duckType } }];
    }));
  }
}

function describe(s: Statement): string {
  return s.kind === 'While' ? 'a WHILE loop' : `the statement ${s.kind}`;
}

function setVariable(ctx: Inline, name: string, value: SqlFragment, env: Env, node: Statement | Expression): void {
  const b = env.get(name.toLowerCase());
  if (b === undefined) throw ctx.t.state.unsupported(node, `the undeclared variable ${name}`);
  env.set(name.toLowerCase(), { type: b.type, value: paren(convertSql(value, b.type)) });
}

/**
 * `SELECT @a = x, @b = y FROM … WHERE …` inside a function: no row leaves the variables as they
 * were; one row assigns its values; several rows make SQL Server keep the last row in an order
 * it does not define, so that case stops the run instead of picking one.
 */
function selectAssign(ctx: Inline, s: Extract<Statement, { kind: 'Select' }>, spec: QuerySpec, env: Env): void {
  const { t } = ctx;
  // raised while the query runs, which locates it at the calling statement: the text says where in the function
  const severalRows = `the emulator does not support SELECT @variable = … over several rows inside a function (SQL Server keeps an undefined row): ${ctx.written} at ${ctx.file}:${s.span.start.line}:${s.span.start.column} found more than one row`;
  const aggregateOnly = spec.groupBy === undefined && spec.items.every((i) => i.kind === 'SelectAssignment' && findAll(i.expression, 'FunctionCall').some((f) => isAggregate(f)));
  for (const item of spec.items) {
    if (item.kind !== 'SelectAssignment') continue;
    const target = env.get(item.variable.name.toLowerCase());
    if (target === undefined) throw t.state.unsupported(item, `the undeclared variable ${item.variable.name}`);
    const valueExpr: Expression = item.operator === '=' ? item.expression : { kind: 'Binary', operator: item.operator.slice(0, -1), left: item.variable, right: item.expression, span: item.span };
    const one = { ...spec, items: [{ kind: 'SelectItem' as const, expression: valueExpr, alias: { kind: 'Identifier' as const, name: 'v', quote: 'none' as const, span: item.span }, aliasStyle: 'as' as const, span: item.span }] };
    t.variables = new Map([...env].map(([k, b]) => [k, b.value]));
    const q = t.query({ ...s, body: one }, undefined);
    const v = convertSql({ sql: quote('v'), family: q.columns[0]?.family ?? 'unknown', duckType: q.columns[0]?.duckType }, target.type);
    const sql = aggregateOnly
      ? `(SELECT ${v.sql} FROM (${q.sql}) AS __a)`
      : `(SELECT CASE WHEN count(*) = 0 THEN ${target.value.sql} WHEN count(*) > 1 THEN error('${severalRows.replace(/'/g, "''")}') ELSE first(${v.sql}) END FROM (${q.sql}) AS __a)`;
    env.set(item.variable.name.toLowerCase(), { type: target.type, value: { sql, family: target.value.family, duckType: target.value.duckType } });
  }
}

function isAggregate(f: FunctionCall): boolean {
  return f.over === undefined && f.name.parts.length === 1 && ['COUNT', 'COUNT_BIG', 'SUM', 'MIN', 'MAX', 'AVG', 'STRING_AGG', 'STDEV', 'VAR'].includes((f.name.parts[0]?.name ?? '').toUpperCase());
}
