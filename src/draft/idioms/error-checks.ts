import type { Expression, Statement, Variable } from '../../tsql';
import { varKey } from './loop-shape';

/*
 * The @@ERROR check of code older than TRY … CATCH, after a loop's write:
 *
 *   INSERT INTO dbo.Census (…) SELECT …;
 *   SELECT @Err = @@ERROR;            -- or SET @Err = @@ERROR, or none: IF @@ERROR <> 0 …
 *   IF @Err <> 0 RETURN @Err;         -- or GOTO ErrHandler, BREAK, BEGIN ROLLBACK … RETURN END
 *
 * @@ERROR is 0 after a statement that succeeds, and a drafted query stops where the statement
 * would fail (every failure the draft knows of, a key, NOT NULL or CHECK constraint, a conversion,
 * stops it): so on every row a draft returns, the check is false and its branch never runs. The
 * loop is drafted without it; the variables it assigns are left to the caller (their value is 0,
 * or @@ROWCOUNT's, which the draft does not compute: a later read of them refuses).
 */

/** The loop body without its trailing error checks, and the variables they assign. */
export interface WithoutErrorChecks {
  readonly body: readonly Statement[];
  /** The statements taken off the end, in order. */
  readonly checks: readonly Statement[];
  readonly assigned: readonly Variable[];
}

const isSystem = (e: Expression | undefined, name: string): boolean => e?.kind === 'SystemVariable' && e.name.toUpperCase() === name;
const isZero = (e: Expression): boolean => e.kind === 'Literal' && e.literalType === 'integer' && Number(e.value) === 0;

/** `SET @e = @@ERROR`, `SELECT @e = @@ERROR[, @r = @@ROWCOUNT]` (no FROM): the variables it assigns and which hold @@ERROR. */
function capture(s: Statement): { all: Variable[]; errors: Set<string> } | undefined {
  if (s.kind === 'SetVariable') {
    return s.cursor === undefined && s.operator === '=' && isSystem(s.value, '@@ERROR') ? { all: [s.variable], errors: new Set([varKey(s.variable)]) } : undefined;
  }
  if (s.kind !== 'Select' || s.body.kind !== 'QuerySpec') return undefined;
  const spec = s.body;
  if (spec.into !== undefined || spec.from.length > 0 || spec.where !== undefined || spec.items.length === 0) return undefined;
  const all: Variable[] = [];
  const errors = new Set<string>();
  for (const i of spec.items) {
    if (i.kind !== 'SelectAssignment' || i.operator !== '=') return undefined;
    if (isSystem(i.expression, '@@ERROR')) errors.add(varKey(i.variable));
    else if (!isSystem(i.expression, '@@ROWCOUNT')) return undefined;
    all.push(i.variable);
  }
  return errors.size > 0 ? { all, errors } : undefined;
}

/** What `IF <x> <> 0 …` (no ELSE) tests: `@@ERROR` or a variable's key; undefined for any other IF. */
function testedError(s: Statement): string | undefined {
  if (s.kind !== 'If' || s.else !== undefined) return undefined;
  const c = s.condition;
  if (c.kind !== 'Binary') return undefined;
  const op = c.operator;
  // true only for a value other than 0 (@@ERROR is never negative)
  const x = isZero(c.right) && ['<>', '!=', '>'].includes(op) ? c.left : isZero(c.left) && ['<>', '!=', '<'].includes(op) ? c.right : undefined;
  if (x?.kind === 'Variable') return varKey(x);
  return isSystem(x, '@@ERROR') ? '@@error' : undefined;
}

/**
 * Takes the error checks off the end of `body`: a run of captures of @@ERROR and IFs testing
 * @@ERROR or a variable a capture before them in the run set from it.
 */
export function withoutErrorChecks(body: readonly Statement[]): WithoutErrorChecks {
  let start = body.length;
  while (start > 0) {
    const s = body[start - 1] as Statement;
    if (capture(s) === undefined && testedError(s) === undefined) break;
    start--;
  }
  const tail = body.slice(start);
  const errors = new Set<string>();
  const assigned: Variable[] = [];
  for (const s of tail) {
    const c = capture(s);
    if (c !== undefined) {
      for (const v of c.all) { errors.delete(varKey(v)); assigned.push(v); }
      for (const e of c.errors) errors.add(e);
      continue;
    }
    // `IF @@ERROR <> 0` anywhere in the run: right after the write it tests the write, after a
    // capture or another IF it is 0 (every statement resets it)
    const tested = testedError(s) as string;
    if (tested !== '@@error' && !errors.has(tested)) return { body, checks: [], assigned: [] };
  }
  return tail.length === 0 ? { body, checks: [], assigned: [] } : { body: body.slice(0, start), checks: tail, assigned };
}

/**
 * `IF @@ERROR <> 0 BEGIN CLOSE …; DEALLOCATE …; RETURN 1 END` (no ELSE) right after an INSERT,
 * UPDATE or DELETE inside a loop's body, before its FETCH: for the reason above its branch never
 * runs on a row a draft returns, whatever it holds, so the loop is drafted without it.
 */
export function isWriteErrorCheck(s: Statement, previous: Statement | undefined): boolean {
  return testedError(s) === '@@error' && (previous?.kind === 'Insert' || previous?.kind === 'Update' || previous?.kind === 'Delete');
}
