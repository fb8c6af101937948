import { normalizeObjectName, type Expression, type FunctionCall, type If, type Parameter, type SetVariable, type Statement } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { DraftScope, refuseAt } from './draft-scope';
import { castTo } from './convert-value';
import { duckTypeOf, sqlTypeOfDataType, type SqlType } from './sql-types';
import { insideFunction } from './user-functions';

/*
 * `dbo.fn_TierFor(p.Balance)`: a scalar user function called per row. Its body of DECLAREs, SETs
 * and a final RETURN is an expression of its parameters: the draft expands it where it is called,
 * each parameter bound to its argument and each variable to the value last set, both converted
 * to their declared types as SQL Server converts an assigned value, and the RETURN's value to the
 * RETURNS type (learn.microsoft.com/sql/relational-databases/user-defined-functions/create-user-defined-functions-database-engine,
 * "Scalar functions"). `IF cond RETURN v` becomes a WHEN of a CASE around the final RETURN's value,
 * `IF cond SET @v = a [ELSE SET @v = b]` a CASE for @v. A body with anything else (another IF,
 * WHILE, a query reading a table) is refused at its own file and line: the engineer writes that
 * function's logic by hand.
 */

type Translate = (e: Expression, scope: DraftScope) => Translated | Refusal;

/** The call expanded, a refusal, or undefined when `call` names no scalar function of the scripts (a built-in). */
export function translateScalarFunction(call: FunctionCall, scope: DraftScope, tx: Translate): Translated | Refusal | undefined {
  const ctx = scope.ctx;
  const fn = ctx.userFunctions?.get(normalizeObjectName(call.name));
  const st = fn?.statement;
  if (fn === undefined || st === undefined || st.functionType !== 'scalar' || st.returns === undefined) return undefined;
  const written = `${call.name.parts.map((p) => p.name).join('.')}()`;
  if (st.options.some((o) => /RETURNS\s+NULL\s+ON\s+NULL\s+INPUT/i.test(o))) return refuseAt(ctx, call.span, written, 'RETURNS NULL ON NULL INPUT is not translated');
  const bound = bindArguments(call, st.parameters, scope, tx, written);
  if (isRefusal(bound)) return bound;
  const returnsType = st.returns;
  const returns = sqlTypeOfDataType(returnsType);
  const first = st.body[0];
  const body = st.body.length === 1 && first?.kind === 'Block' ? first.statements : st.body;
  return insideFunction(ctx, fn, bound.values, () => {
    const types = new Map(bound.types);
    const inner = new DraftScope(ctx);
    // early RETURNs met so far, in order: the first whose condition is true gives the value
    const guards: { when: string; then: string }[] = [];
    const assign = (name: string, value: Translated | Refusal, at: Expression): Refusal | undefined => {
      const type = types.get(name.toLowerCase());
      const v = isRefusal(value) || type === undefined ? value : castTo(value, type, inner, at);
      if (isRefusal(v)) return v;
      ctx.variables.set(name.toLowerCase(), v);
      return undefined;
    };
    for (const [i, s] of body.entries()) {
      if (s.kind === 'Declare') {
        for (const d of s.declarations) {
          if (d.kind !== 'VariableDeclaration') return refuseAt(ctx, d.span, `table variable ${d.variable.name} in ${written}`, 'not translated');
          const type = sqlTypeOfDataType(d.dataType);
          types.set(d.variable.name.toLowerCase(), type);
          ctx.variables.set(d.variable.name.toLowerCase(), nullOf(type));
          const stop = d.initialValue ? assign(d.variable.name, tx(d.initialValue, inner), d.initialValue) : undefined;
          if (stop) return stop;
        }
      } else if (s.kind === 'SetVariable' && !s.cursor && s.value && s.operator === '=') {
        const stop = assign(s.variable.name, tx(s.value, inner), s.value);
        if (stop) return stop;
      } else if (s.kind === 'If' && earlyReturn(s) !== undefined && i < body.length - 1) {
        // `IF @Discharge IS NULL RETURN NULL`: the rest of the body runs when the condition is not true (false or NULL)
        const cond = tx(s.condition, inner);
        if (isRefusal(cond)) return cond;
        const ret = earlyReturn(s) as Expression;
        const v = tx(ret, inner);
        const typed = isRefusal(v) ? v : castTo(v, returns, inner, ret);
        if (isRefusal(typed)) return typed;
        guards.push({ when: cond.sql, then: typed.sql });
      } else if (s.kind === 'If' && branchSet(s.then) !== undefined && (s.else === undefined || branchSet(s.else)?.variable.name.toLowerCase() === branchSet(s.then)?.variable.name.toLowerCase())) {
        // `IF @d < 1 SET @d = 1 [ELSE SET @d = …]`: the variable becomes a CASE, a NULL condition taking the ELSE side as IF does
        const set = branchSet(s.then) as SetVariable;
        const name = set.variable.name.toLowerCase();
        const cond = tx(s.condition, inner);
        if (isRefusal(cond)) return cond;
        const before = ctx.variables.get(name);
        if (before === undefined || isRefusal(before)) return before ?? refuseAt(ctx, s.span, `${set.variable.name} in ${written}`, 'read before it is declared');
        const sides = [set, branchSet(s.else)].map((x) => {
          if (x === undefined) return before;
          const v = tx(x.value as Expression, inner);
          const type = types.get(name);
          return isRefusal(v) || type === undefined ? v : castTo(v, type, inner, x.value as Expression);
        });
        const [a, b] = sides as [Translated | Refusal, Translated | Refusal];
        if (isRefusal(a)) return a;
        if (isRefusal(b)) return b;
        ctx.variables.set(name, translated(`(CASE WHEN ${cond.sql} THEN ${a.sql} ELSE ${b.sql} END)`, a.type));
      } else if (s.kind === 'Return' && s.expression && i === body.length - 1) {
        const v = tx(s.expression, inner);
        const last = isRefusal(v) ? v : castTo(v, returns, inner, s.expression);
        if (isRefusal(last) || guards.length === 0) return last;
        return translated(`(CASE ${guards.map((g) => `WHEN ${g.when} THEN ${g.then}`).join(' ')} ELSE ${last.sql} END)`, last.type);
      } else {
        return refuseAt(ctx, s.span, `${s.kind === 'Return' ? 'RETURN before the end' : STATEMENT_NAMES[s.kind] ?? s.kind} in ${written}`, 'only DECLARE, SET and a final RETURN of a scalar function are expanded where it is called: write this function by hand');
      }
    }
    return refuseAt(ctx, st.span, written, 'its body does not end with RETURN');
  });
}

/** The parameters bound to the call's arguments, converted to their types as the call converts them. */
function bindArguments(call: FunctionCall, params: readonly Parameter[], scope: DraftScope, tx: Translate, written: string): { values: Map<string, Translated | Refusal>; types: Map<string, SqlType> } | Refusal {
  if (call.args.length !== params.length || call.args.some((a) => a.kind === 'Literal' && a.literalType === 'default')) {
    return refuseAt(scope.ctx, call.span, written, `only a call passing each of its ${params.length} parameter(s) a value is translated (DEFAULT and missing arguments are not)`);
  }
  const values = new Map<string, Translated | Refusal>();
  const types = new Map<string, SqlType>();
  for (const [i, p] of params.entries()) {
    const arg = call.args[i] as Expression;
    const type = sqlTypeOfDataType(p.dataType);
    const v = tx(arg, scope);
    if (isRefusal(v)) return v;
    const typed = castTo(v, type, scope, arg);
    if (isRefusal(typed)) return typed;
    values.set(p.name.toLowerCase(), typed);
    types.set(p.name.toLowerCase(), type);
  }
  return { values, types };
}

/** The value of `IF cond RETURN value` (no ELSE; the RETURN alone or alone in a block). */
function earlyReturn(s: If): Expression | undefined {
  const only = s.then.kind === 'Block' && s.then.statements.length === 1 ? s.then.statements[0] : s.then;
  return s.else === undefined && only?.kind === 'Return' ? only.expression : undefined;
}

/** The one `SET @v = value` of an IF branch (alone or alone in a block), else undefined. */
function branchSet(b: Statement | undefined): SetVariable | undefined {
  const only = b?.kind === 'Block' && b.statements.length === 1 ? b.statements[0] : b;
  return only?.kind === 'SetVariable' && !only.cursor && only.value !== undefined && only.operator === '=' ? only : undefined;
}

/** Statements as people write them, for refusals (the AST's kind names are ours). */
const STATEMENT_NAMES: Partial<Record<string, string>> = { Select: 'SELECT', If: 'IF', While: 'WHILE', SetVariable: 'SET', Insert: 'INSERT', Update: 'UPDATE', Delete: 'DELETE', Execute: 'EXEC' };

function nullOf(type: SqlType): Translated {
  return translated(`CAST(NULL AS ${duckTypeOf(type) ?? 'VARCHAR'})`, type);
}
