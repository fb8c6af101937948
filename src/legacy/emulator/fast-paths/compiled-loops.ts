import type { CloseCursor, DeallocateCursor, DeclareCursor, Delete, Expression, Fetch, If, Insert, OpenCursor, SetVariable, Statement, While } from '../../../tsql';
import { walk } from '../../../tsql';
import { assignFast, fastEvaluator, type FastEvaluator } from './fastpath';
import { evalCondition } from '../runtime';
import { beginCondition, endCondition } from '../reproducibility/control-taint';
import { closeCursor, declareCursor, fetchCursor, openCursorNow } from '../cursors/cursors';
import { leafEnd, leafStart } from '../reproducibility/statement-tracking';
import type { EmulatorState, Flow, VariableSlot } from '../state';
import { bufferedDeleteNow, bufferedInsertNow } from './buffered-dml';
import { continuesAfterError, ERROR_UNKNOWN, pendingAbortRefusal } from '../statement-errors';
import { noteLoopAddend } from '../reproducibility/order-insensitive-runs';

/*
 * A WHILE loop compiled once into a flat list of instructions, run with a program counter
 * instead of walking the AST through a chain of async calls per statement. Control flow (BEGIN …
 * END, IF … ELSE, nested WHILE, BREAK, CONTINUE) becomes jumps; `SET @v = …` and conditions are
 * evaluated by the JavaScript fast path (fastpath.ts) without a promise; every other statement
 * (FETCH, INSERT, a cursor, TRY/CATCH, RETURN, …) is run by the interpreter as before and its
 * flow (BREAK, CONTINUE, RETURN) taken as the interpreter would. When the fast path cannot
 * evaluate a value, that one statement or condition runs through the interpreter's exact path and
 * the program goes on at the next instruction: the program counter is all the state there is.
 * Everything that needs no await (counters, SET, conditions, cursor statements served without
 * DuckDB) runs in one plain function until an instruction needs the interpreter or DuckDB, so a
 * loop of hundreds of thousands of statements awaits only where it must.
 * The bookkeeping of every statement is kept: the statement counter, @@ROWCOUNT = 1 after SET,
 * @@ERROR = 0 after each statement, the 10-million-iteration guard, RAND()/NEWID() tainting of
 * assigned variables. Loops holding a label (GOTO targets) are left to the interpreter.
 */

/** The evaluator of an instruction without an expression. */
const NOT_COMPILED: FastEvaluator = () => undefined;

/** What an instruction does (a number: the run loop switches on it). */
const enum Op {
  /** Counts one statement (a WHILE's own count; an IF's is folded into its condition). */
  Count,
  /**
   * The end of an IF, WHILE or block: @@ERROR not known when its last statement failed
   * (statement-errors.ts), else 0 (consecutive ones are folded into one).
   */
  Reset,
  /** @@ERROR = 0, as after BREAK and CONTINUE. */
  Zero,
  Jump,
  /** Resets the iteration guard of a loop before its first test. */
  Loop,
  Cond,
  Set,
  Fetch,
  /** DECLARE … CURSOR, CLOSE, DEALLOCATE: no expression, no DuckDB. */
  Cursor,
  Open,
  /** INSERT or DELETE: buffered without the interpreter when it can be (buffered-dml.ts). */
  Write,
  Stmt,
}

/**
 * One instruction. Every instruction has the same fields (unused ones undefined or -1), so the
 * run loop reads them from objects of one shape: V8 keeps those reads monomorphic.
 */
class Instruction {
  /** Jump: where to; Cond: where to when false; Stmt: where a BREAK goes. */
  target = -1;
  /** Stmt: where a CONTINUE goes. */
  onContinue = -1;
  /** Loop, Cond of a WHILE: the loop's guard; -1 for an IF. */
  loop = -1;
  /** Cond of an IF: count the IF statement first (its Count folded in). */
  counts = false;
  /** Cond of an IF or a nested WHILE: where the program goes on when the condition fails with an error the batch goes past. */
  after = -1;
  /** Cond: the statement located on the slow path; Set, Fetch, Stmt: the statement. */
  node: Statement | undefined = undefined;
  /** Cond: the condition; Set: the value assigned; and its fast-path evaluator (fastpath.ts). */
  expr: Expression | undefined = undefined;
  fast: FastEvaluator = NOT_COMPILED;
  /** Set: the variable's lower-case name, and its slot bound in the frame whose variables are `vars`. */
  name = '';
  vars: Map<string, VariableSlot> | undefined = undefined;
  slot: VariableSlot | undefined = undefined;

  constructor(readonly op: Op) {}
}

/** A compiled loop: its instructions and how many WHILE loops (guards) it holds. */
export interface CompiledLoop {
  readonly code: readonly Instruction[];
  readonly loops: number;
}

/** Runs one statement through the interpreter (executeStatement), with its own bookkeeping. */
export type RunStatement = (state: EmulatorState, s: Statement) => Promise<Flow>;

const compiled = new WeakMap<While, CompiledLoop | null>();
const MAX_ITERATIONS = 10_000_000;

/** The compiled form of `w` (compiled on first use), or undefined when it holds a label. */
export function compiledLoop(w: While): CompiledLoop | undefined {
  let c = compiled.get(w);
  if (c === undefined) {
    c = hasLabel(w) ? null : compile(w);
    compiled.set(w, c);
  }
  return c ?? undefined;
}

function hasLabel(w: While): boolean {
  let found = false;
  walk(w, (n) => {
    if (n.kind === 'Label' || n.kind === 'Goto') found = true;
    return !found;
  });
  return found;
}

interface LoopTargets {
  /** Set the loop's end as the target of its BREAKs once it is known. */
  readonly breaks: ((end: number) => void)[];
  readonly top: number;
}

/** Compiles the loop itself; the WHILE's own count and final @@ERROR reset are its caller's (executeStatement). */
function compile(w: While): CompiledLoop {
  const code: Instruction[] = [];
  /** Positions some instruction jumps to: a Reset there is never folded into the one before. */
  const labels = new Set<number>();
  let loops = 0;

  const push = (op: Op): Instruction => {
    const ins = new Instruction(op);
    code.push(ins);
    return ins;
  };
  /** The position the next instruction takes, as a jump target. */
  const here = (): number => {
    labels.add(code.length);
    return code.length;
  };
  const reset = (): void => {
    // Two in a row are one: folded unless something jumps to the second.
    if (code[code.length - 1]?.op === Op.Reset && !labels.has(code.length)) return;
    push(Op.Reset);
  };

  const emitLoop = (loop: While): Instruction => {
    const id = loops++;
    push(Op.Loop).loop = id;
    const top = here();
    const cond = push(Op.Cond);
    cond.node = loop;
    cond.expr = loop.condition;
    cond.fast = fastEvaluator(loop.condition);
    cond.loop = id;
    const targets: LoopTargets = { breaks: [], top };
    emit(loop.body, targets);
    push(Op.Jump).target = top;
    const end = here();
    cond.target = end;
    for (const setEnd of targets.breaks) setEnd(end);
    return cond;
  };

  const emit = (s: Statement, loop: LoopTargets): void => {
    switch (s.kind) {
      case 'Block':
        for (const child of s.statements) emit(child, loop);
        reset();
        return;
      case 'If': {
        // The IF's own count is folded into its condition.
        const cond = push(Op.Cond);
        cond.counts = true;
        cond.node = s;
        cond.expr = s.condition;
        cond.fast = fastEvaluator(s.condition);
        emit(s.then, loop);
        if (s.else === undefined) {
          cond.target = here();
        } else {
          const skip = push(Op.Jump);
          cond.target = here();
          emit(s.else, loop);
          skip.target = here();
        }
        reset();
        cond.after = here();
        return;
      }
      case 'While': {
        push(Op.Count);
        const cond = emitLoop(s);
        reset();
        cond.after = here();
        return;
      }
      case 'Break': case 'Continue': {
        push(Op.Count);
        push(Op.Zero);
        const jump = push(Op.Jump);
        jump.target = loop.top;
        if (s.kind === 'Break') loop.breaks.push((end) => { jump.target = end; });
        return;
      }
      case 'Fetch':
        push(Op.Fetch).node = s;
        return;
      case 'DeclareCursor': case 'CloseCursor': case 'DeallocateCursor':
        push(Op.Cursor).node = s;
        return;
      case 'OpenCursor':
        push(Op.Open).node = s;
        return;
      case 'Insert': case 'Delete':
        push(Op.Write).node = s;
        return;
      case 'SetVariable':
        if (s.cursor === undefined && s.value !== undefined) {
          // The same expression assignExpression builds for `SET @v += x`.
          const value: Expression = s.operator === '=' ? s.value : { kind: 'Binary', operator: s.operator.slice(0, -1), left: s.variable, right: s.value, span: s.value.span };
          const set = push(Op.Set);
          set.node = s;
          set.name = s.variable.name.toLowerCase();
          set.expr = value;
          set.fast = fastEvaluator(value);
          return;
        }
        break;
      default:
        break;
    }
    const stmt = push(Op.Stmt);
    stmt.node = s;
    stmt.onContinue = loop.top;
    // A BREAK out of a statement the interpreter runs (a TRY/CATCH holding one) ends this loop.
    loop.breaks.push((end) => { stmt.target = end; });
  };

  emitLoop(w);
  return { code, loops };
}

/** Why runUntilAwait stopped. */
const enum Stop {
  /** Past the last instruction: the loop is over. */
  End,
  /** The instruction at `pc` needs the interpreter or DuckDB (its counting and guard, if any, are done). */
  Slow,
  /** A FETCH at `pc` finishes in `pending` (a value DuckDB converts). */
  Pending,
}

/** Where a compiled loop is: the program counter, the iteration guards, a FETCH being finished. */
interface Position {
  pc: number;
  readonly guards: number[];
  pending: Promise<void> | undefined;
}

/**
 * Runs a compiled loop in the current frame; returns 'return' when a RETURN ended it, 'normal'
 * otherwise, exactly as the interpreter's WHILE would. The instructions that need no await run
 * in runUntilAwait, a plain function V8 optimises as a whole; this function only does what must
 * be awaited, one instruction at a time, and goes back.
 */
export async function runCompiledLoop(state: EmulatorState, loop: CompiledLoop, run: RunStatement): Promise<Flow> {
  const { code } = loop;
  const at: Position = { pc: 0, guards: new Array<number>(loop.loops).fill(0), pending: undefined };
  for (;;) {
    const stop = runUntilAwait(state, code, at);
    if (stop === Stop.End) return 'normal';
    const ins = code[at.pc] as Instruction;
    if (stop === Stop.Pending) {
      await at.pending;
      at.pending = undefined;
      state.errorNumber = 0;
      at.pc++;
      continue;
    }
    switch (ins.op) {
      case Op.Cond: {
        state.atStatement((ins.node as Statement).span);
        let holds: boolean;
        try {
          // A condition reading a value SQL Server may give otherwise decides what follows (control-taint.ts).
          const mark = beginCondition(state);
          holds = await evalCondition(state, ins.expr as Expression);
          endCondition(state, ins.node as If | While, mark);
        } catch (err) {
          // The loop's own condition fails its WHILE statement, which the caller's executeStatement
          // decides on; an inner IF's or WHILE's ends that statement only (statement-errors.ts).
          if (ins.loop === 0 || !continuesAfterError(state, ins.node as Statement, err, state.dmlWrites)) throw err;
          at.pc = ins.after;
          break;
        }
        state.errorNumber = 0; // the IF or WHILE is a statement: @@ERROR is 0 inside it
        at.pc = holds ? at.pc + 1 : ins.target;
        break;
      }
      case Op.Stmt: {
        const flow = await run(state, ins.node as Statement);
        if (flow === 'return') return 'return';
        at.pc = flow === 'normal' ? at.pc + 1 : flow === 'break' ? ins.target : ins.onContinue;
        break;
      }
      default:
        // SET the fast path could not assign, FETCH and OPEN after RAND()/NEWID(), OPEN that runs a query.
        await run(state, ins.node as Statement);
        at.pc++;
        break;
    }
    // After an error that may have ended the batch nothing more may run; the instructions run
    // without the interpreter do not look (a loop that ends right there is refused too).
    if (state.pendingAbort !== undefined) throw pendingAbortRefusal(state);
  }
}

/** Runs instructions from `at.pc` until the loop ends or one needs an await; see Stop. */
function runUntilAwait(state: EmulatorState, code: readonly Instruction[], at: Position): Stop {
  const counters = state.counters;
  const guards = at.guards;
  let pc = at.pc;
  while (pc < code.length) {
    const ins = code[pc] as Instruction;
    switch (ins.op) {
      case Op.Count: counters.statements++; pc++; break;
      case Op.Reset: if (state.errorNumber !== 0) state.errorNumber = ERROR_UNKNOWN; pc++; break;
      case Op.Zero: state.errorNumber = 0; pc++; break;
      case Op.Jump: pc = ins.target; break;
      case Op.Loop: guards[ins.loop] = 0; pc++; break;
      case Op.Cond: {
        if (ins.counts) counters.statements++;
        if (ins.loop >= 0) {
          const n = guards[ins.loop] ?? 0;
          if (n > MAX_ITERATIONS) throw state.unsupported(ins.node, 'a WHILE loop that ran more than 10 million times');
          guards[ins.loop] = n + 1;
        }
        const fast = state.randomValuesUsed ? undefined : ins.fast(state);
        if (fast === undefined || fast.kind !== 'bool') {
          at.pc = pc;
          return Stop.Slow;
        }
        counters.fastScalars++;
        state.errorNumber = 0;
        pc = fast.value === '1' ? pc + 1 : ins.target;
        break;
      }
      case Op.Set: {
        // The slot is bound once per frame (a frame's slot for a name is never replaced).
        const vars = state.frame.variables;
        let slot = ins.slot;
        if (ins.vars !== vars || slot === undefined) {
          slot = vars.get(ins.name);
          ins.vars = slot === undefined ? undefined : vars;
          ins.slot = slot;
        }
        if (slot === undefined) {
          at.pc = pc;
          return Stop.Slow;
        }
        // Before any RAND()/NEWID() nothing can be tainted: the bookkeeping is skipped.
        const tracked = state.randomValuesUsed;
        const saved = tracked && leafStart(state);
        const fast = ins.fast(state);
        if (fast === undefined || fast.kind === 'bool' || !assignFast(slot, fast)) {
          if (tracked) leafEnd(state, saved, undefined); // nothing was assigned: the interpreter redoes it exactly
          at.pc = pc;
          return Stop.Slow;
        }
        if (tracked) leafEnd(state, saved, ins.name);
        // A sum of a loop taken in either order: its running total checked (order-insensitive-runs.ts).
        noteLoopAddend(state, ins.node as SetVariable);
        counters.statements++;
        counters.fastScalars++;
        state.rowCount = 1;
        state.errorNumber = 0;
        pc++;
        break;
      }
      case Op.Fetch: {
        // After a RAND()/NEWID() the interpreter's tracking runs; before, nothing can be tainted
        // and a FETCH calls no function: its per-statement wrappers would do nothing but cost.
        if (state.randomValuesUsed) {
          at.pc = pc;
          return Stop.Slow;
        }
        const stmt = ins.node as Fetch;
        counters.statements++;
        state.atStatement(stmt.span);
        // Awaited only when it needs DuckDB: a promise per fetched row costs more than the fetch.
        const pending = fetchCursor(state, stmt);
        if (pending !== undefined) {
          at.pc = pc;
          at.pending = pending;
          return Stop.Pending;
        }
        state.errorNumber = 0;
        pc++;
        break;
      }
      case Op.Cursor: {
        // What the interpreter does for these statements, without its wrappers: they evaluate
        // nothing, read and write no table, so RAND()/NEWID() tracking has nothing to record.
        const stmt = ins.node as DeclareCursor | CloseCursor | DeallocateCursor;
        counters.statements++;
        state.atStatement(stmt.span);
        if (stmt.kind === 'DeclareCursor') declareCursor(state, stmt);
        else {
          closeCursor(state, stmt);
          state.rowCount = 0;
        }
        state.errorNumber = 0;
        pc++;
        break;
      }
      case Op.Open: {
        // A cursor re-opened from its per-key read translates and runs nothing (cursor-prefetch.ts);
        // any other OPEN runs its query through the interpreter. (A cursor it cannot open
        // refuses the run, so nothing is counted before.)
        const stmt = ins.node as OpenCursor;
        if (state.randomValuesUsed || !openCursorNow(state, stmt)) {
          at.pc = pc;
          return Stop.Slow;
        }
        counters.statements++;
        state.atStatement(stmt.span);
        state.errorNumber = 0;
        pc++;
        break;
      }
      case Op.Write: {
        // An INSERT/DELETE whose values, plan and key mirror are all in JavaScript is buffered
        // here, as the interpreter would buffer it; anything else (DuckDB to ask, RAND()/NEWID()
        // to track) runs through the interpreter, which starts again from nothing changed.
        const stmt = ins.node as Insert | Delete;
        if (state.randomValuesUsed || state.rowCountLimit > 0) {
          at.pc = pc;
          return Stop.Slow;
        }
        state.atStatement(stmt.span);
        if (!(stmt.kind === 'Insert' ? bufferedInsertNow(state, stmt) : bufferedDeleteNow(state, stmt))) {
          at.pc = pc;
          return Stop.Slow;
        }
        counters.statements++;
        state.errorNumber = 0;
        pc++;
        break;
      }
      case Op.Stmt:
        at.pc = pc;
        return Stop.Slow;
    }
  }
  at.pc = pc;
  return Stop.End;
}
