import type { SourceSpan } from '../../core';
import { parseScript, walk, type DataType, type Expression, type Node, type Select, type Statement } from '../../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from '../draft-model';
import { DraftScope, refuseAt, type DraftContext, type SourceBinding } from '../draft-scope';
import type { LoopRewriteContext } from '../loop-rewriters';
import { sqlTypeOfDataType, type SqlType } from '../sql-types';
import { spelled, variablesRead, type IdiomRefusal } from './loop-shape';

/*
 * What a row-by-row rewriter needs from the draft framework, in one place: expressions and
 * queries translated with the loop's variables bound to columns of the set-based rows, the
 * declared types of variables, and refusals located in the section's file.
 */

/** Variable bindings of one point in a loop body: lower-case name -> SQL value. */
export type Bindings = ReadonlyMap<string, Translated>;

/** The rewriter's view of the draft: the framework's context plus the procedure's declarations. */
export interface IdiomContext {
  readonly rc: LoopRewriteContext;
  readonly ctx: DraftContext;
  /** Declared types of the procedure's variables and parameters (lower-case name). */
  readonly declared: ReadonlyMap<string, SqlType>;
  /** Variables the loop assigns (lower-case): reading one that is not bound yet is refused. */
  readonly loopAssigned: ReadonlySet<string>;
}

/**
 * Declared types of the variables and parameters of the procedure (or function, trigger) that
 * holds `at`, as the draft types them ({@link declaredDataTypesAt}, one read of the file).
 */
export function declaredTypesAt(ctx: DraftContext, at: Statement): Map<string, SqlType> {
  return new Map([...declaredDataTypesAt(ctx, at)].map(([name, t]) => [name, sqlTypeOfDataType(t)]));
}

const dataTypeCache = new Map<string, Map<string, DataType>>();

/**
 * The declared T-SQL data types (as written) of the variables of the procedure that holds
 * `at`: a value a rewriter substitutes for a variable is converted to it, as SQL Server
 * converts what SET or SELECT assigns (`SET @Credit = @Rate / 2.0` into an int truncates). The
 * section's statements often leave the DECLAREs to another section, so they are read from the
 * whole legacy file.
 */
export function declaredDataTypesAt(ctx: DraftContext, at: Statement): Map<string, DataType> {
  const cacheKey = `${ctx.file}\u0000${at.span.start.offset}\u0000${ctx.text.length}`;
  const cached = dataTypeCache.get(cacheKey);
  if (cached) return cached;
  const out = new Map<string, DataType>();
  // A variable is declared in its batch: a procedure's batch holds only its CREATE, a script's
  // DECLAREs are the batch's statements beside the loop.
  for (const b of parseScript(ctx.text, { file: ctx.file }).batches) {
    if (b.span.start.offset > at.span.start.offset || b.span.end.offset < at.span.end.offset) continue;
    for (const s of b.statements) {
      walk(s, (n: Node) => {
        if (n.kind === 'VariableDeclaration') out.set(n.variable.name.toLowerCase(), n.dataType);
        else if (n.kind === 'Parameter') out.set(n.name.toLowerCase(), n.dataType);
      });
    }
  }
  if (dataTypeCache.size > 50) dataTypeCache.clear();
  dataTypeCache.set(cacheKey, out);
  return out;
}

/** A draft refusal for an idiom refusal (located, with the legacy text). */
export function toRefusal(ic: IdiomContext, r: IdiomRefusal, construct: string): Refusal {
  return refuseAt(ic.ctx, r.span, construct, r.reason);
}

/** A refusal at `span`. */
export function refuseSpan(ic: IdiomContext, span: SourceSpan, construct: string, reason: string): Refusal {
  return refuseAt(ic.ctx, span, construct, reason);
}

/**
 * Runs `f` in a scope whose variables are the framework's overlaid with `bindings`; a loop's
 * bindings never leak out of it, and generated names stay unique across both.
 */
function withBindings<T>(ic: IdiomContext, bindings: Bindings, f: (scope: DraftScope) => T, sources: readonly SourceBinding[] = []): T {
  const variables = new Map(ic.ctx.variables);
  for (const [k, v] of bindings) variables.set(k, v);
  const local: DraftContext = { ...ic.ctx, variables, correlated: new Set([...(ic.ctx.correlated ?? []), ...bindings.keys()]) };
  const out = f(new DraftScope(local, sources));
  ic.ctx.nameCounter = Math.max(ic.ctx.nameCounter, local.nameCounter);
  return out;
}

/** Refuses an expression that reads a loop variable not bound at this point of the iteration. */
function unboundRead(ic: IdiomContext, node: Node, bindings: Bindings): Refusal | undefined {
  for (const v of variablesRead(node)) {
    if (ic.loopAssigned.has(v) && !bindings.has(v)) {
      return refuseAt(ic.ctx, node.span, spelled(node, v), `${spelled(node, v)} is read before the loop iteration assigns it: its value carries over from the previous row, which a set-based query does not have`);
    }
  }
  return undefined;
}

/** Translates an expression of the loop body with the loop's variables bound. */
export function expressionIn(ic: IdiomContext, e: Expression, bindings: Bindings): Translated | Refusal {
  return unboundRead(ic, e, bindings) ?? withBindings(ic, bindings, (scope) => ic.rc.translateExpression(e, scope));
}

/** Translates an expression that also reads columns of `sources` (a table the loop looks rows up in). */
export function expressionOver(ic: IdiomContext, e: Expression, bindings: Bindings, sources: readonly SourceBinding[]): Translated | Refusal {
  return unboundRead(ic, e, bindings) ?? withBindings(ic, bindings, (scope) => ic.rc.translateExpression(e, scope), sources);
}

/** Translates a query of the loop (a cursor's SELECT, an INSERT's SELECT) with the loop's variables bound. */
export function queryIn(ic: IdiomContext, q: Select, bindings: Bindings): { readonly sql: string; readonly columns: readonly DraftColumn[] } | Refusal {
  return unboundRead(ic, q, bindings) ?? withBindings(ic, bindings, (scope) => ic.rc.translateSelect(q, scope));
}

export { isRefusal };

/**
 * A variable's value when the loop starts: the framework's (set by the section's earlier
 * statements), else, when nothing in the procedure assigns it before the loop, its DECLARE's
 * initial value or NULL. Undefined when it was assigned earlier outside what the draft sees.
 */
export function valueBeforeLoop(ic: IdiomContext, name: string, loopStart: Statement): Translated | Refusal | undefined {
  const known = ic.ctx.variables.get(name);
  if (known) return known;
  const script = parseScript(ic.ctx.text, { file: ic.ctx.file });
  let initial: Expression | undefined;
  let declared = false;
  let assigned = false;
  for (const b of script.batches) {
    for (const s of b.statements) {
      if (s.span.start.offset > loopStart.span.start.offset || s.span.end.offset < loopStart.span.end.offset) continue;
      walk(s, (n: Node) => {
        if (n.span.start.offset >= loopStart.span.start.offset) return false;
        if (n.kind === 'VariableDeclaration' && n.variable.name.toLowerCase() === name) { declared = true; initial = n.initialValue; }
        if ((n.kind === 'SetVariable' || n.kind === 'SelectAssignment') && n.variable.name.toLowerCase() === name) assigned = true;
        if (n.kind === 'Fetch' && n.into.some((v) => v.name.toLowerCase() === name)) assigned = true;
        return undefined;
      });
    }
  }
  if (!declared || assigned) return undefined;
  return initial ? expressionIn(ic, initial, new Map()) : { kind: 'translated', sql: 'NULL', type: { family: 'null' } };
}
