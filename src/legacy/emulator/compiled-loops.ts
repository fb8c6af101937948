import type { Expression, Fetch, Node, SetVariable, Statement, While } from '../../tsql';
import { walk } from '../../tsql';
import { assignFast, evalFast } from './fastpath';
import { evalCondition } from './runtime';
import { fetchCursor } from './cursors';
import { leafEnd, leafStart } from './random-values';
import type { EmulatorState, Flow } from './state';

/*
 * A WHILE loop compiled once into a flat list of instructions, run with a program counter
 * instead of walking the AST through a chain of async calls per statement. Control flow (BEGIN …
 * END, IF … ELSE, nested WHILE, BREAK, CONTINUE) becomes jumps; `SET @v = …` and conditions are
 * evaluated by the JavaScript fast path (fastpath.ts) without a promise; every other statement
 * (FETCH, INSERT, a cursor, TRY/CATCH, RETURN, …) is run by the interpreter as before and its
 * flow (BREAK, CONTINUE, RETURN) taken as the interpreter would. When the fast path cannot
 * evaluate a value, that one statement or condition runs through the interpreter's exact path and
 * the program goes on at the next instruction: the program counter is all the state there is.
 * The bookkeeping of every statement is kept: the statement counter, @@ROWCOUNT = 1 after SET,
 * @@ERROR = 0 after each statement, the 10-million-iteration guard, RAND()/NEWID() tainting of
 * assigned variables. Loops holding a label (GOTO targets) are left to the interpreter.
 */

type Instruction =
  | { readonly op: 'count' }
  | { readonly op: 'reset' }
  | { readonly op: 'jump'; target: number }
  | { readonly op: 'loop'; readonly loop: number }
  | { readonly op: 'cond'; readonly node: Node; readonly expr: Expression; readonly loop: number | undefined; onFalse: number }
  | { readonly op: 'set'; readonly stmt: SetVariable; readonly name: string; readonly value: Expression }
  | { readonly op: 'fetch'; readonly stmt: Fetch }
  | { readonly op: 'stmt'; readonly stmt: Statement; onBreak: number; readonly onContinue: number };

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
  let loops = 0;

  const emitLoop = (loop: While): void => {
    const id = loops++;
    code.push({ op: 'loop', loop: id });
    const top = code.length;
    const cond = { op: 'cond' as const, node: loop, expr: loop.condition, loop: id, onFalse: -1 };
    code.push(cond);
    const targets: LoopTargets = { breaks: [], top };
    emit(loop.body, targets);
    code.push({ op: 'jump', target: top });
    cond.onFalse = code.length;
    for (const setEnd of targets.breaks) setEnd(code.length);
  };

  const emit = (s: Statement, loop: LoopTargets): void => {
    switch (s.kind) {
      case 'Block':
        for (const child of s.statements) emit(child, loop);
        code.push({ op: 'reset' });
        return;
      case 'If': {
        code.push({ op: 'count' });
        const cond = { op: 'cond' as const, node: s, expr: s.condition, loop: undefined, onFalse: -1 };
        code.push(cond);
        emit(s.then, loop);
        if (s.else === undefined) {
          cond.onFalse = code.length;
        } else {
          const skip = { op: 'jump' as const, target: -1 };
          code.push(skip);
          cond.onFalse = code.length;
          emit(s.else, loop);
          skip.target = code.length;
        }
        code.push({ op: 'reset' });
        return;
      }
      case 'While':
        code.push({ op: 'count' });
        emitLoop(s);
        code.push({ op: 'reset' });
        return;
      case 'Break': case 'Continue': {
        code.push({ op: 'count' }, { op: 'reset' });
        const jump = { op: 'jump' as const, target: loop.top };
        if (s.kind === 'Break') loop.breaks.push((end) => { jump.target = end; });
        code.push(jump);
        return;
      }
      case 'Fetch':
        code.push({ op: 'fetch', stmt: s });
        return;
      case 'SetVariable':
        if (s.cursor === undefined && s.value !== undefined) {
          // The same expression assignExpression builds for `SET @v += x`.
          const value: Expression = s.operator === '=' ? s.value : { kind: 'Binary', operator: s.operator.slice(0, -1), left: s.variable, right: s.value, span: s.value.span };
          code.push({ op: 'set', stmt: s, name: s.variable.name.toLowerCase(), value });
          return;
        }
        break;
      default:
        break;
    }
    const stmt = { op: 'stmt' as const, stmt: s, onBreak: -1, onContinue: loop.top };
    code.push(stmt);
    // A BREAK out of a statement the interpreter runs (a TRY/CATCH holding one) ends this loop.
    loop.breaks.push((end) => { stmt.onBreak = end; });
  };

  emitLoop(w);
  return { code, loops };
}

/**
 * Runs a compiled loop in the current frame; returns 'return' when a RETURN ended it, 'normal'
 * otherwise, exactly as the interpreter's WHILE would.
 */
export async function runCompiledLoop(state: EmulatorState, loop: CompiledLoop, run: RunStatement): Promise<Flow> {
  const { code } = loop;
  const guards = new Array<number>(loop.loops).fill(0);
  const counters = state.counters;
  let pc = 0;
  while (pc < code.length) {
    const ins = code[pc] as Instruction;
    switch (ins.op) {
      case 'count': counters.statements++; pc++; break;
      case 'reset': state.errorNumber = 0; pc++; break;
      case 'jump': pc = ins.target; break;
      case 'loop': guards[ins.loop] = 0; pc++; break;
      case 'cond': {
        if (ins.loop !== undefined) {
          const n = guards[ins.loop] ?? 0;
          if (n > MAX_ITERATIONS) throw state.unsupported(ins.node, 'a WHILE loop that ran more than 10 million times');
          guards[ins.loop] = n + 1;
        }
        const fast = evalFast(state, ins.expr);
        let holds: boolean;
        if (fast !== undefined && fast.kind === 'bool') {
          counters.fastScalars++;
          holds = fast.value === '1';
        } else {
          state.at = state.locate(ins.node.span);
          holds = await evalCondition(state, ins.expr);
        }
        pc = holds ? pc + 1 : ins.onFalse;
        break;
      }
      case 'set': {
        const slot = state.frame.variables.get(ins.name);
        if (slot !== undefined) {
          const saved = leafStart(state);
          const fast = evalFast(state, ins.value);
          if (fast !== undefined && fast.kind !== 'bool' && assignFast(slot, fast)) {
            leafEnd(state, saved, ins.name);
            counters.statements++;
            counters.fastScalars++;
            state.rowCount = 1;
            state.errorNumber = 0;
            pc++;
            break;
          }
          leafEnd(state, saved, undefined); // nothing was assigned: the interpreter redoes it exactly
        }
        await run(state, ins.stmt);
        pc++;
        break;
      }
      case 'fetch':
        // Before any RAND()/NEWID() nothing can be tainted, and a FETCH calls no function: the
        // interpreter's per-statement wrappers would do nothing but cost.
        if (state.randomValuesUsed) await run(state, ins.stmt);
        else {
          counters.statements++;
          state.at = state.locate(ins.stmt.span);
          await fetchCursor(state, ins.stmt);
          state.errorNumber = 0;
        }
        pc++;
        break;
      case 'stmt': {
        const flow = await run(state, ins.stmt);
        if (flow === 'normal') pc++;
        else if (flow === 'return') return 'return';
        else pc = flow === 'break' ? ins.onBreak : ins.onContinue;
        break;
      }
    }
  }
  return 'normal';
}
