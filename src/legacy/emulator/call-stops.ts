import type { LegacyError } from '../../core';
import type { Node } from '../../tsql';
import type { EmulatorState } from './state';

/*
 * A macro that refuses a value at run time (STR or ROUND of a float near halfway: tsql-macros.ts)
 * raises a DuckDB error() with its text; the statement running then is all toRuntimeError knew,
 * so the refusal pointed at the start of a long SELECT rather than at the call. The call passes
 * a marker naming where it stands (its place, resolved as the call is translated: a view's or a
 * function's call is in their file); the refusal strips it and is located at the call.
 */

interface Places { readonly list: LegacyError['location'][]; readonly index: Map<string, number> }

const places = new WeakMap<EmulatorState, Places>();

/** SQL text (a string literal) to append to a macro's refusal so it is located at `call`. */
export function callMarker(state: EmulatorState, call: Pick<Node, 'span'>): string {
  let p = places.get(state);
  if (p === undefined) { p = { list: [], index: new Map() }; places.set(state, p); }
  const at = state.locate(call.span);
  const key = `${at?.file ?? ''}\u0000${call.span.start.offset}\u0000${call.span.end.offset}`;
  let i = p.index.get(key);
  if (i === undefined) { i = p.list.push(at) - 1; p.index.set(key, i); }
  return `' {call ${i}}'`;
}

/** A refusal's text without its call marker, and the call's place when it carries one. */
export function callStop(state: EmulatorState, text: string): { readonly message: string; readonly location: LegacyError['location'] | undefined } {
  const m = / \{call (\d+)\}/.exec(text);
  if (m === null) return { message: text, location: undefined };
  return { message: text.replace(m[0], ''), location: places.get(state)?.list[Number(m[1])] };
}
