import type { SourceSpan } from '../../core';
import {
  walk, type Delete, type Expression, type Identifier, type Literal, type SetVariable, type Statement, type TableSource, type Variable, type While,
} from '../../tsql';
import { dmlTargetCandidates } from '../translate-dml';
import { isRefusal, type Translated } from '../draft-model';
import { refuseAt } from '../draft-scope';
import type { LoopRewrite, LoopRewriteContext, LoopRewriter } from '../loop-rewriters';
import { query } from './ast-build';
import { readOfWrittenTable } from './written-table-reads';
import { bodyStatements, refuse, spelled, variablesRead, varKey, type IdiomRefusal } from './loop-shape';

/*
 * Idiom (h): a big DELETE cut into chunks to keep the log small,
 *
 *   WHILE 1 = 1 BEGIN DELETE TOP (5000) FROM t WHERE c; IF @@ROWCOUNT = 0 BREAK; END
 *
 * also `WHILE @@ROWCOUNT > 0 BEGIN DELETE TOP (n) … END` and `SET @rows = 1; WHILE @rows > 0
 * BEGIN DELETE TOP (n) …; SET @rows = @@ROWCOUNT; SET @total = @total + @rows; END`. Each pass
 * deletes some rows for which c holds, and the loop stops at the first pass that finds none: when
 * c's truth for a row does not depend on which rows were deleted (c reads no row of t but its
 * own, nothing the loop assigns, no value drawn anew per pass like NEWID() or GETDATE()), the
 * table ends as one `DELETE FROM t WHERE c` leaves it, whatever rows each chunk took, and the
 * passes' counts add up to that DELETE's count. The loop is drafted as that DELETE followed by
 * the loop's own bookkeeping statements once, reading its count; any other shape is refused.
 */

/** The header name of idiom (h). */
export const CHUNKED_DELETE = '(h) DELETE TOP (n) repeated until it deletes nothing -> one DELETE';

/** How the loop ends: a pass deleting no row (`= 0`), or fewer than the chunk (`< n`). */
type Stop = 'none' | 'short';

const isInt = (e: Expression | undefined, v?: number): e is Literal => e?.kind === 'Literal' && e.literalType === 'integer' && (v === undefined || Number(e.value) === v);
const isRowCount = (e: Expression | undefined): boolean => e?.kind === 'SystemVariable' && e.name.toUpperCase() === '@@ROWCOUNT';

/** `x > 0`, `x <> 0`, `x != 0`, `x >= 1` (or written the other way round): the operand x, else undefined. */
function positiveTest(e: Expression): Expression | undefined {
  if (e.kind !== 'Binary') return undefined;
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '<>': '<>', '!=': '!=' };
  const [x, op, k] = isInt(e.left) && !isInt(e.right) ? [e.right, flip[e.operator], e.left] : [e.left, e.operator, e.right];
  if ((op === '>' || op === '<>' || op === '!=') && isInt(k, 0)) return x;
  if (op === '>=' && isInt(k, 1)) return x;
  return undefined;
}

/** `x = 0`, `x < 1`, `x <= 0` (a pass that deleted nothing), or `x < n`: [x, stop, n]. */
function stopTest(e: Expression): [Expression, Stop, Expression | undefined] | undefined {
  if (e.kind !== 'Binary') return undefined;
  const flip: Record<string, string> = { '=': '=', '>': '<', '>=': '<=' };
  const [x, op, k] = !isRowCountOrVariable(e.left) && isRowCountOrVariable(e.right) ? [e.right, flip[e.operator], e.left] : [e.left, e.operator, e.right];
  if ((op === '=' && isInt(k, 0)) || (op === '<' && isInt(k, 1)) || (op === '<=' && isInt(k, 0))) return [x, 'none', undefined];
  if (op === '<') return [x, 'short', k];
  return undefined;
}

function isRowCountOrVariable(e: Expression): boolean {
  return isRowCount(e) || e.kind === 'Variable';
}

/** `IF <test> BREAK` (the BREAK alone or in a BEGIN … END). */
function breakTest(s: Statement): Expression | undefined {
  if (s.kind !== 'If' || s.else) return undefined;
  const then = bodyStatements(s.then);
  return then.length === 1 && then[0]?.kind === 'Break' ? s.condition : undefined;
}

/** `SET @t = @t + @c`, `SET @t = @c + @t`, `SET @t += @c`: @t. */
function accumulatorOf(s: Statement, count: string): string | undefined {
  if (s.kind !== 'SetVariable' || s.cursor || !s.value) return undefined;
  const t = varKey(s.variable);
  if (t === count) return undefined;
  const isVar = (e: Expression, v: string): boolean => e.kind === 'Variable' && varKey(e) === v;
  if (s.operator === '+=') return isVar(s.value, count) ? t : undefined;
  const v = s.value;
  if (s.operator !== '=' || v.kind !== 'Binary' || v.operator !== '+') return undefined;
  return (isVar(v.left, t) && isVar(v.right, count)) || (isVar(v.left, count) && isVar(v.right, t)) ? t : undefined;
}

/** Functions that give another value on each pass (or may, being the procedure's own). */
const DRAWN = new Set(['NEWID', 'NEWSEQUENTIALID', 'RAND', 'CRYPT_GEN_RANDOM', 'GETDATE', 'GETUTCDATE', 'SYSDATETIME', 'SYSUTCDATETIME', 'SYSDATETIMEOFFSET', 'CURRENT_TIMESTAMP']);

/** A value of the DELETE that may change from pass to pass, as written, and where. */
function drawnValue(del: Delete): { readonly at: SourceSpan; readonly what: string } | undefined {
  let found: { at: SourceSpan; what: string } | undefined;
  walk({ ...del, top: undefined }, (n) => {
    if (found) return false;
    if (n.kind === 'NextValueFor') found = { at: n.span, what: 'NEXT VALUE FOR' };
    if (n.kind !== 'FunctionCall') return undefined;
    const parts = n.name.parts as readonly Identifier[];
    const written = parts.map((p) => p.name).join('.');
    if (parts.length > 1) found = { at: n.span, what: `${written}() (a user function: what it reads is not followed)` };
    else if (DRAWN.has(written.toUpperCase())) found = { at: n.span, what: `${written}() (computed again on each pass)` };
    return undefined;
  });
  return found;
}

/** A positive integer constant, as the draft translated it (`5000`, `CAST(5000 AS INTEGER)`). */
function positiveInteger(t: Translated): number | undefined {
  const m = /^\(?\s*(?:CAST\(\s*)?\(?(\d+)\)?(?:\s+AS\s+[A-Z]+\s*\))?\s*\)?$/i.exec(t.sql.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `SET @v = e` built for the draft, located at `span` (the legacy loop). */
function setVariable(variable: Variable, value: Expression, span: SourceSpan): SetVariable {
  return { kind: 'SetVariable', variable, operator: '=', value, cursor: undefined, span };
}

/** Recognises idiom (h) at `stmts[index]`; null when the WHILE deletes no chunk. */
export const rewriteChunkedDelete: LoopRewriter = (stmts, index, rc): LoopRewrite | null => {
  const loop = stmts[index];
  if (loop?.kind !== 'While') return null;
  const body = bodyStatements(loop.body);
  const at = body.findIndex((s) => s.kind === 'Delete' && s.top !== undefined);
  if (at < 0) return null;
  const r = chunkedDelete(stmts, index, loop, body, at, rc);
  const refused = (x: IdiomRefusal): LoopRewrite => ({ consumed: 1, part: refuseAt(rc.draft, x.span, 'WHILE loop (chunked DELETE)', x.reason), idiom: 'refused' });
  if ('refused' in r) return refused(r);
  return { consumed: 1, part: { kind: 'sql', span: loop.span, ctes: [], tables: [], variables: [] }, statements: r.statements, once: true, idiom: CHUNKED_DELETE };
};

function chunkedDelete(stmts: readonly Statement[], index: number, loop: While, body: readonly Statement[], at: number, rc: LoopRewriteContext): { statements: Statement[] } | IdiomRefusal {
  const del = body[at] as Delete & { top: NonNullable<Delete['top']> };
  for (const s of body.slice(0, at)) {
    if (s.kind !== 'Waitfor' && s.kind !== 'Print') return refuse(s, 'a chunked DELETE loop is drafted when the DELETE TOP comes first in its body (a WAITFOR or PRINT may stand before it)');
  }
  // Which statements after the DELETE read its count, keep it, add it up, or end the loop.
  let count: Variable | undefined;
  let stop: { test: Expression; kind: Stop; n: Expression | undefined; index: number } | undefined;
  const sums: { statement: Statement; variable: string; afterStop: boolean }[] = [];
  for (let k = at + 1; k < body.length; k++) {
    const s = body[k] as Statement;
    const direct = k === at + 1; // @@ROWCOUNT is the DELETE's here only
    if (s.kind === 'Waitfor' || s.kind === 'Print') continue;
    if (s.kind === 'SetVariable' && s.operator === '=' && !s.cursor && isRowCount(s.value) && direct && !count) { count = s.variable; continue; }
    const test = breakTest(s);
    const parsed = test ? stopTest(test) : undefined;
    if (parsed && !stop && ((isRowCount(parsed[0]) && direct) || (count && parsed[0].kind === 'Variable' && varKey(parsed[0]) === varKey(count)))) {
      stop = { test: test as Expression, kind: parsed[1], n: parsed[2], index: k };
      continue;
    }
    const sum = count ? accumulatorOf(s, varKey(count)) : undefined;
    if (sum && !sums.some((x) => x.variable === sum)) { sums.push({ statement: s, variable: sum, afterStop: stop !== undefined }); continue; }
    return refuse(s, 'in a chunked DELETE loop only `SET @rows = @@ROWCOUNT` right after the DELETE, `SET @total = @total + @rows`, `IF @@ROWCOUNT = 0 BREAK` (or `IF @rows = 0 BREAK`, `< n` of the chunk size), WAITFOR and PRINT are drafted');
  }
  // How the loop is entered and left.
  const whileOn = positiveTest(loop.condition);
  const always = loop.condition.kind === 'Binary' && loop.condition.operator === '=' && isInt(loop.condition.left) && isInt(loop.condition.right)
    && Number(loop.condition.left.value) === Number(loop.condition.right.value);
  if (always) {
    if (!stop) return refuse(loop, 'WHILE 1 = 1 around a DELETE TOP: no `IF @@ROWCOUNT = 0 BREAK` (or on the count kept in a variable) ends it when nothing is left to delete');
  } else if (whileOn && isRowCount(whileOn)) {
    if (at !== body.length - 1) return refuse(body[at + 1] as Statement, 'WHILE @@ROWCOUNT > 0: the DELETE must be the last statement of the loop, or the loop tests another statement\'s count');
    const before = stmts[index - 1];
    // a simple assignment sets @@ROWCOUNT to 1 (the @@ROWCOUNT page): the first pass runs
    const entered = before?.kind === 'SetVariable' && !before.cursor
      || before?.kind === 'Select' && before.body.kind === 'QuerySpec' && before.body.from.length === 0 && before.body.where === undefined;
    if (!entered) return refuse(loop, 'WHILE @@ROWCOUNT > 0: whether the first pass runs depends on the statement before the loop; drafted when it is a SET @v = … (which leaves @@ROWCOUNT at 1)');
  } else if (whileOn?.kind === 'Variable' && count && varKey(whileOn) === varKey(count)) {
    const start = rc.draft.variables.get(varKey(count));
    if (!start || isRefusal(start) || positiveInteger(start) === undefined) {
      return refuse(loop, `WHILE ${whileOn.name} > 0: ${whileOn.name} must be set to a positive constant before the loop (SET ${whileOn.name} = 1), so that the first pass runs`);
    }
  } else {
    return refuse(loop, 'a DELETE TOP loop is drafted under WHILE 1 = 1 (with IF @@ROWCOUNT = 0 BREAK), WHILE @@ROWCOUNT > 0, or WHILE @rows > 0 with SET @rows = @@ROWCOUNT');
  }
  const n = chunkRefusal(del, rc, new Set([...(count ? [varKey(count)] : []), ...sums.map((x) => x.variable)]));
  if (typeof n !== 'number') return n;
  if (stop?.kind === 'short') {
    const limit = stop.n ? rc.translateExpression(stop.n, rc.scope) : undefined;
    if (!limit || isRefusal(limit) || positiveInteger(limit) !== n) return refuse(stop.test, `the loop stops on a count below ${n}, the chunk size, only when it tests \`< ${n}\``);
    // a chunk of a join may delete fewer target rows than it picked: a short count proves nothing there
    if (del.from.length > 0) return refuse(stop.test, 'a DELETE … FROM a join stopped on a short chunk: a chunk may pick a target row twice and delete fewer rows than its size while rows are left');
    const late = sums.find((x) => x.afterStop);
    if (late) return refuse(late.statement, 'a count added up after the BREAK on a short chunk leaves the last chunk out, which the draft does not reproduce');
  }
  // The loop once: the DELETE without TOP, then its bookkeeping reading that DELETE's count.
  const statements: Statement[] = [{ ...del, top: undefined }];
  if (count) {
    const capture = body[at + 1] as Statement;
    statements.push(capture, ...sums.map((x) => x.statement));
    // what the count holds when the loop ends: the last pass's, 0 (or the short chunk's, total % n)
    const zero: Literal = { kind: 'Literal', literalType: 'integer', value: '0', span: loop.span };
    const last: Expression = stop?.kind === 'short'
      ? { kind: 'Binary', operator: '%', left: count, right: { kind: 'Literal', literalType: 'integer', value: String(n), span: loop.span }, span: loop.span }
      : zero;
    statements.push(setVariable(count, last, loop.span));
  }
  return { statements };
}

/**
 * The first chunk deleted before the loop, its count tested by the loop's first pass:
 *
 *   DELETE TOP (n) FROM t WHERE c; SET @chunk = @@ROWCOUNT
 *   WHILE @chunk > 0 BEGIN SET @purged = @purged + @chunk; DELETE TOP (n) FROM t WHERE c; SET @chunk = @@ROWCOUNT END
 *
 * (or `DELETE TOP (n) …; WHILE @@ROWCOUNT > 0 DELETE TOP (n) …`). The loop runs until a DELETE
 * finds nothing, so with the same DELETE before and in it (c fixed, as for the loop above) the
 * table ends as one `DELETE FROM t WHERE c` leaves it; a total added up before the loop's DELETE
 * adds every chunk, the first one included, so it adds that DELETE's count once; the count ends at 0.
 * Drafted as that DELETE, the count, the totals and `SET @chunk = 0`; any other shape is refused.
 */
export const rewritePrimedChunkedDelete: LoopRewriter = (stmts, index, rc): LoopRewrite | null => {
  const first = stmts[index];
  if (first?.kind !== 'Delete' || first.top === undefined) return null;
  const capture = stmts[index + 1];
  const count = capture?.kind === 'SetVariable' && capture.operator === '=' && !capture.cursor && isRowCount(capture.value) ? capture.variable : undefined;
  const loop = stmts[index + (count ? 2 : 1)];
  if (loop?.kind !== 'While') return null;
  const tested = positiveTest(loop.condition);
  const testsCount = count ? tested?.kind === 'Variable' && varKey(tested) === varKey(count) : tested !== undefined && isRowCount(tested);
  const body = bodyStatements(loop.body);
  const at = body.findIndex((x) => x.kind === 'Delete' && x.top !== undefined);
  if (!testsCount || at < 0) return null;
  const r = primedChunks(first as Delete & { top: NonNullable<Delete['top']> }, count ? capture as SetVariable : undefined, loop, body, at, rc);
  if ('refused' in r) return { consumed: count ? 3 : 2, part: refuseAt(rc.draft, r.span, 'WHILE loop (chunked DELETE)', r.reason), idiom: 'refused' };
  return { consumed: count ? 3 : 2, part: { kind: 'sql', span: loop.span, ctes: [], tables: [], variables: [] }, statements: r.statements, once: true, idiom: CHUNKED_DELETE };
};

function primedChunks(first: Delete & { top: NonNullable<Delete['top']> }, capture: SetVariable | undefined, loop: While, body: readonly Statement[], at: number, rc: LoopRewriteContext): { statements: Statement[] } | IdiomRefusal {
  const count = capture?.variable;
  const sums: Statement[] = [];
  const totals = new Set<string>();
  for (const x of body.slice(0, at)) {
    if (x.kind === 'Waitfor' || x.kind === 'Print') continue;
    const sum = count ? accumulatorOf(x, varKey(count)) : undefined;
    if (sum === undefined || totals.has(sum)) return refuse(x, 'before the DELETE of a loop whose first chunk is deleted before it, only `SET @total = @total + @chunk` (adding the previous chunk), WAITFOR and PRINT are drafted');
    totals.add(sum);
    sums.push(x);
  }
  const rest = body.slice(at + 1);
  if (count) {
    const next = rest[0];
    if (next?.kind !== 'SetVariable' || next.operator !== '=' || next.cursor || !isRowCount(next.value) || varKey(next.variable) !== varKey(count)) {
      return refuse(next ?? loop, `the loop's DELETE must be followed by \`SET ${count.name} = @@ROWCOUNT\`, the count its test reads`);
    }
    const other = rest.slice(1).find((x) => x.kind !== 'Waitfor' && x.kind !== 'Print');
    if (other) return refuse(other, `after \`SET ${count.name} = @@ROWCOUNT\` only WAITFOR and PRINT are drafted in a loop whose first chunk is deleted before it`);
  } else if (rest.length > 0) {
    return refuse(rest[0] as Statement, 'WHILE @@ROWCOUNT > 0: the DELETE must be the last statement of the loop, or the loop tests another statement\'s count');
  }
  const again = body[at] as Delete & { top: NonNullable<Delete['top']> };
  if (!sameTree(first, again)) return refuse(again, 'the loop\'s DELETE differs from the one before the loop: one DELETE stands for the two only when they are the same statement');
  const n = chunkRefusal(again, rc, new Set([...(count ? [varKey(count)] : []), ...totals]));
  if (typeof n !== 'number') return n;
  const statements: Statement[] = [{ ...first, top: undefined }];
  if (count) {
    const zero: Literal = { kind: 'Literal', literalType: 'integer', value: '0', span: loop.span };
    statements.push(capture as SetVariable, ...sums, setVariable(count, zero, loop.span));
  }
  return { statements };
}

/** Whether two syntax trees are the same statement as written (their places aside). */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object): string[] => Object.keys(o).filter((k) => k !== 'span' && (o as Record<string, unknown>)[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameTree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The chunk a loop repeats, checked: a positive constant size, the rows a fixed predicate picks
 * (no variable the loop changes, `written`, no value drawn anew per pass, no read of the table it
 * deletes from). Its size, or the refusal.
 */
function chunkRefusal(del: Delete & { top: NonNullable<Delete['top']> }, rc: LoopRewriteContext, written: ReadonlySet<string>): number | IdiomRefusal {
  const top = del.top;
  if (top.percent || top.withTies) return refuse(top, 'DELETE TOP … PERCENT in a loop is not drafted');
  const size = rc.translateExpression(top.expression, rc.scope);
  const n = isRefusal(size) ? undefined : positiveInteger(size);
  if (n === undefined) return refuse(top, 'the chunk size must be a positive constant (a TOP of 0 or NULL ends the loop at once, or fails): set it before the loop to a literal');
  if (del.output) return refuse(del.output, 'DELETE TOP … OUTPUT in a loop is not drafted');
  if (del.currentOf) return refuse(del, 'DELETE … WHERE CURRENT OF is not a chunked DELETE');
  const readsOwn = [...variablesRead(del)].find((v) => written.has(v));
  if (readsOwn) return refuse(del, `the DELETE reads ${spelled(del, readsOwn)}, which the loop changes from pass to pass`);
  const drawn = drawnValue(del);
  if (drawn) return refuse({ span: drawn.at }, `${drawn.what} in a chunked DELETE: the rows a pass picks may differ from pass to pass (compute the value once before the loop, e.g. DECLARE @cutoff = DATEADD(…, GETDATE()))`);
  // the rows a pass picks must not depend on which rows earlier passes deleted
  const candidates = dmlTargetCandidates(del);
  if (del.from.length > 0 && candidates.length !== 1) return refuse(del.target, 'the DELETE\'s target is not one of its FROM tables');
  const without = del.from.length === 0 ? [] : withoutTarget(del.from, (candidates[0] as { alias: string }).alias);
  const self = readOfWrittenTable(rc.draft, { ...query([], without, del.where, del.span), ctes: del.ctes }, [del]);
  if (self) return refuse(self.at, `the DELETE's condition reads ${self.table}${self.through ? ` (through ${self.through})` : ''}, the table it deletes from: which rows are left to delete depends on the rows earlier chunks took`);
  return n;
}

/**
 * `from` with the DELETE's target item (the one `alias` names, among the joined items, not inside
 * an ON or a derived table) replaced by a table of no name: the row being deleted is no read of
 * its table, any other mention of the table is.
 */
function withoutTarget(from: readonly TableSource[], alias: string): TableSource[] {
  let done = false;
  const visit = (src: TableSource): TableSource => {
    if (done) return src;
    if (src.kind === 'Join') return { ...src, left: visit(src.left), right: visit(src.right) };
    const name = src.kind === 'TableRef' ? (src.alias ?? src.name.parts[src.name.parts.length - 1] as Identifier).name
      : src.kind === 'TableVariableRef' ? (src.alias?.name ?? src.variable.name) : undefined;
    if (name === undefined || name.toLowerCase() !== alias.toLowerCase()) return src;
    done = true;
    return { kind: 'TableVariableRef', variable: { kind: 'Variable', name: '@ the deleted row', span: src.span }, alias: undefined, span: src.span };
  };
  return from.map(visit);
}
