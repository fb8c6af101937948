import { containersInEffect, type CreateFunction, type ParsedScript } from '../tsql';
import type { Refusal, Translated } from './draft-model';
import { refuseAt, type DraftContext } from './draft-scope';

/*
 * The user functions of the workspace's scripts, for the draft to expand where a statement calls
 * them (inline-functions.ts: a table-valued one in FROM; scalar-functions.ts: a scalar one in an
 * expression). A function's body is translated as its own code: it sees its parameters only
 * (never the procedure's variables), and a refusal inside it names the function's file and line.
 */

/** A user function: its CREATE (the one in effect) and the file (as people read it) and text it is in. */
export interface UserFunction {
  readonly statement: CreateFunction;
  readonly file: string;
  readonly text: string;
}

/** User functions by normalised name (`dbo.fn_tierfor`). */
export type UserFunctions = ReadonlyMap<string, UserFunction>;

/** The functions the scripts define, an upgrade script's ALTER over the CREATE as the emulator takes it. */
export function collectUserFunctions(scripts: readonly { readonly file: string; readonly text: string; readonly script: ParsedScript }[], defaultSchema = 'dbo'): UserFunctions {
  const out = new Map<string, UserFunction>();
  const sources = new Map(scripts.map((s) => [s.script, s]));
  for (const [key, found] of containersInEffect(scripts.map((s) => s.script), 'CreateFunction', defaultSchema)) {
    const source = sources.get(found.script);
    if (source !== undefined) out.set(key, { statement: found.statement, file: source.file, text: source.text });
  }
  return out;
}

/** The functions being expanded, per draft: a call of one of them inside its own body is refused. */
const expanding = new WeakMap<DraftContext, Set<UserFunction>>();

/**
 * Runs `body` with `variables` as the only variables and the function's file as the place
 * refusals and run-time stops name; the procedure's variables and place are restored after.
 */
export function insideFunction<T>(ctx: DraftContext, fn: UserFunction, variables: ReadonlyMap<string, Translated | Refusal>, body: () => T | Refusal): T | Refusal {
  // a function calling itself (directly or through another) would be expanded without end
  const open = expanding.get(ctx) ?? new Set<UserFunction>();
  expanding.set(ctx, open);
  if (open.has(fn)) return refuseAt(ctx, fn.statement.span, fn.statement.name.parts.map((p) => p.name).join('.'), 'a function that calls itself is not expanded: write it by hand');
  open.add(fn);
  const saved = new Map(ctx.variables);
  const place = ctx as { file: string; text: string };
  const [file, text] = [place.file, place.text];
  ctx.variables.clear();
  for (const [k, v] of variables) ctx.variables.set(k, v);
  place.file = fn.file;
  place.text = fn.text;
  try {
    return body();
  } finally {
    open.delete(fn);
    place.file = file;
    place.text = text;
    ctx.variables.clear();
    for (const [k, v] of saved) ctx.variables.set(k, v);
  }
}
