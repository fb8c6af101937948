import type { Expression, FunctionCall, Subquery } from './ast';

/**
 * The list idiom `STUFF((SELECT ', ' + x … FOR XML PATH('')), start, length, '')` (also its TYPE
 * form, `(SELECT … FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)')`) with integer constants
 * start ≥ 1 and length ≥ 0: over rows whose values are all NULL the list is '' or NULL (which one
 * is not documented), and STUFF gives NULL for both: NULL in, NULL out, and "if the starting
 * position is larger than length of the first string, a null string is returned" (STUFF page)
 * with start ≥ 1 > 0 = LEN(''). The emulator and the drafts both let such a list give ''.
 * Returns the FOR XML PATH('') subquery of such a call, undefined for any other call.
 */
export function stuffedXmlPathList(call: FunctionCall): Subquery | undefined {
  const [first, start, length] = call.args;
  const constant = (e: Expression | undefined, least: number): boolean => e?.kind === 'Literal' && e.literalType === 'integer' && /^\d+$/.test(e.value) && Number(e.value) >= least;
  if (call.args.length !== 4 || !constant(start, 1) || !constant(length, 0)) return undefined;
  let arg = first;
  const unwrap = (): void => { while (arg?.kind === 'ExpressionList' && arg.items.length === 1) arg = arg.items[0]; };
  unwrap();
  if (arg?.kind === 'MethodCall' && arg.method.toLowerCase() === 'value') { arg = arg.target; unwrap(); }
  return arg?.kind === 'Subquery' && XML_PATH_LIST.test(arg.query.forClause ?? '') ? arg : undefined;
}

/** `FOR XML PATH('')`, with or without `, TYPE`: the string-aggregation form. */
export const XML_PATH_LIST = /^\s*(?:FOR\s+)?XML\s+PATH\s*\(\s*N?''\s*\)\s*(,\s*TYPE\s*)?$/i;
