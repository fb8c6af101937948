import type { Expression, FunctionCall } from '../../../tsql';
import type { EmulatorState, VariableSlot } from '../state';
import { noteCountRead, noteVariableRead } from '../reproducibility/taint-reads';
import { noteFetchStatusRead } from '../reproducibility/cursor-taint';
import { isBlankPadded, type TsqlType } from '../tsql-types';

/**
 * A value the fast path computed: DuckDB text (or null) and its kind. `null` is the untyped
 * NULL literal; `str` carries the declared length of its source when known (ISNULL needs it).
 */
export interface FastValue {
  readonly value: string | null;
  readonly kind: 'int' | 'str' | 'bool' | 'null';
  /** For a non-NULL int, `Number(value)` when the value object was built from the number (not parsed again). */
  readonly num?: number;
}

/** The number a non-NULL int value holds. */
function numOf(v: FastValue): number {
  return v.num ?? Number(v.value);
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** The string types whose values the fast path handles (text, ntext and xml cannot be compared). */
const STRING_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'sysname']);
/** Past this length a concatenation may meet SQL Server's 8,000-byte cut: DuckDB decides. */
const MAX_FAST_STRING = 4000;

/** Integer variable types a fast int may be assigned to: range and the DuckDB type holding it. */
const INTEGER_SLOTS: ReadonlyMap<string, readonly [number, number, string]> = new Map([
  // A Map: looked up by the slot's type name at every assignment, where an object's keyed read is megamorphic.
  ['int', [INT_MIN, INT_MAX, 'INTEGER']], ['bigint', [INT_MIN, INT_MAX, 'BIGINT']], ['smallint', [-32768, 32767, 'SMALLINT']], ['tinyint', [0, 255, 'UTINYINT']],
]);

const NULL: FastValue = { value: null, kind: 'null' };
const TRUE: FastValue = { value: '1', kind: 'bool' };
const FALSE: FastValue = { value: '0', kind: 'bool' };
const UNKNOWN: FastValue = { value: null, kind: 'bool' };

type Compiled = FastEvaluator;

const compiledExpressions = new WeakMap<Expression, Compiled>();
const FAIL: Compiled = () => undefined;

/**
 * Evaluates the small scalar expressions that cursor loops run thousands of times (counters,
 * `SUBSTRING(@w, @i, 1) = @c`, `@@FETCH_STATUS = 0`, `ISNULL(@n, 0) + 1`) in JavaScript instead
 * of a DuckDB round trip, with SQL Server's semantics: int arithmetic in the int range (an
 * overflow, a division by zero or INT_MIN / -1 returns undefined, so DuckDB raises error 8115 or
 * 8134 as before), NULL propagation, three-valued logic, case-insensitive comparison with
 * trailing blanks ignored (ASCII text only: the collation's rules for other letters are DuckDB's
 * to apply), LEN without trailing blanks, SUBSTRING's start below 1. Anything else — another
 * type, an implicit conversion, a function it does not know, text outside the Basic
 * Multilingual Plane — returns undefined and goes to DuckDB: never an approximation. Each
 * expression is compiled once into a closure (names and operators resolved), then only run.
 */
export function evalFast(state: EmulatorState, e: Expression): FastValue | undefined {
  return compiledOf(e)(state);
}

/** An expression compiled for the fast path: its value in the current frame, or undefined for DuckDB. */
export type FastEvaluator = (state: EmulatorState) => FastValue | undefined;

/** evalFast of `e` as a function, for callers that evaluate it many times (compiled loops keep it per instruction). */
export function fastEvaluator(e: Expression): FastEvaluator {
  return compiledOf(e);
}

function compiledOf(e: Expression): Compiled {
  let c = compiledExpressions.get(e);
  if (c === undefined) {
    c = compile(e);
    compiledExpressions.set(e, c);
  }
  return c;
}

function compile(e: Expression): Compiled {
  switch (e.kind) {
    case 'Literal': {
      let v: FastValue | undefined;
      if (e.literalType === 'integer') {
        const n = Number(e.value);
        v = Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX && /^\d+$/.test(e.value) ? { value: String(n), kind: 'int', num: n } : undefined;
      } else if (e.literalType === 'string' || e.literalType === 'nstring') v = { value: e.value, kind: 'str' };
      else if (e.literalType === 'null') v = NULL;
      return v === undefined ? FAIL : () => v;
    }
    case 'Variable': {
      const name = e.name.toLowerCase();
      // The slot is looked up once per frame: a frame's slot for a name, once declared, is
      // never replaced (DECLARE keeps an existing one), so the binding holds while `vars` is the
      // frame's map. Only the variables map of the last frame is kept, never the frame itself.
      let vars: Map<string, VariableSlot> | undefined;
      let bound: VariableSlot | undefined;
      let kind: 'int' | 'str' | undefined;
      return (state) => {
        const frames = state.frames;
        const frame = frames[frames.length - 1];
        if (frame === undefined) return undefined;
        let slot = bound;
        if (frame.variables !== vars || slot === undefined) {
          slot = frame.variables.get(name);
          if (slot === undefined) return undefined;
          vars = frame.variables;
          bound = slot;
          kind = slotKind(slot);
        }
        if (kind === undefined) return undefined;
        // A RAND()/NEWID() value taints what it flows into; nothing is tainted before the first.
        if (state.randomValuesUsed) noteVariableRead(state, name);
        // The slot keeps the value object of its last read or fast assignment: a loop reads far
        // more than it assigns.
        const known = slot.fast;
        if (known !== undefined && known.value === slot.value && known.kind === kind) return known;
        const v: FastValue = { value: slot.value, kind };
        slot.fast = v;
        return v;
      };
    }
    case 'SystemVariable': {
      const n = e.name.toUpperCase();
      if (n === '@@FETCH_STATUS') {
        return (state) => {
          // After a FETCH from a cursor whose rows a not-reproducible value picks (cursor-taint.ts).
          if (state.randomValuesUsed) noteFetchStatusRead(state);
          return intValue(state.fetchStatus);
        };
      }
      // NaN: not known (after a FETCH past the end): the interpreter refuses it.
      if (n === '@@ROWCOUNT') {
        return (state) => {
          if (Number.isNaN(state.rowCount)) return undefined;
          if (state.randomValuesUsed) noteCountRead(state, 'rowCount');
          return intValue(state.rowCount);
        };
      }
      if (n === '@@TRANCOUNT') return (state) => intValue(state.tranCount);
      // ERROR_UNKNOWN (statement-errors.ts): the interpreter refuses it.
      if (n === '@@ERROR') return (state) => (state.errorNumber < 0 || (state.errorNumber === 2628 && state.compatibilityLevel === undefined) ? undefined : intValue(state.errorNumber)); // 2628: statement-errors.ts TRUNCATION_ERROR
      return FAIL;
    }
    case 'ExpressionList':
      return e.items.length === 1 && e.items[0] !== undefined ? compiledOf(e.items[0]) : FAIL;
    case 'IsNull': {
      // `@d IS NULL` needs only whether the slot holds a value, whatever its type (a date
      // parameter's check at the top of a procedure EXECed once a day).
      if (e.expression.kind === 'Variable') return nullTest(e.expression.name.toLowerCase(), e.not);
      const inner = compiledOf(e.expression);
      const not = e.not;
      return (state) => {
        const x = inner(state);
        if (x === undefined || x.kind === 'bool') return undefined;
        return (x.value === null) !== not ? TRUE : FALSE;
      };
    }
    case 'Unary': {
      const inner = compiledOf(e.operand);
      const op = e.operator.toUpperCase();
      return (state) => {
        const x = inner(state);
        if (x === undefined) return undefined;
        if (op === 'NOT' && x.kind === 'bool') return x.value === null ? UNKNOWN : x.value === '1' ? FALSE : TRUE;
        if (op === '-' && x.kind === 'int') return x.value === null ? x : intResult(-numOf(x));
        if (op === '+' && x.kind === 'int') return x;
        return undefined;
      };
    }
    case 'Binary': {
      const op = e.operator.toUpperCase();
      const left = compiledOf(e.left);
      const right = compiledOf(e.right);
      const comparison = COMPARISONS.has(op);
      const arithmetic = ['+', '-', '*', '/', '%'].includes(op);
      const intOp = INT_OPS[op];
      /** 1 for `=`, -1 for `<>` and `!=`, 0 for any other operator. */
      const textOp = op === '=' ? 1 : op === '<>' || op === '!=' ? -1 : 0;
      return (state) => {
        const a = left(state);
        if (a === undefined) return undefined;
        const b = right(state);
        if (b === undefined) return undefined;
        // Two int values, neither NULL: what loop counters and bounds are, without the general dispatch.
        if (intOp !== undefined && a.kind === 'int' && b.kind === 'int' && a.value !== null && b.value !== null) return intOp(numOf(a), numOf(b));
        // Two texts compared for equality (`SUBSTRING(@w, @i, 1) = @c`), likewise.
        if (textOp !== 0 && a.kind === 'str' && b.kind === 'str' && a.value !== null && b.value !== null) {
          const eq = textEqualIgnoringCase(a.value, b.value);
          if (eq !== undefined) return eq === (textOp === 1) ? TRUE : FALSE;
        }
        return binary(op, comparison, arithmetic, a, b);
      };
    }
    case 'FunctionCall': return compileCall(e);
    default: return FAIL;
  }
}

/** `@name IS [NOT] NULL` for a variable of any type, read from the current frame's slot. */
function nullTest(name: string, not: boolean): Compiled {
  return (state) => {
    const slot = state.frames[state.frames.length - 1]?.variables.get(name);
    if (slot === undefined) return undefined;
    if (state.randomValuesUsed) noteVariableRead(state, name);
    return (slot.value === null) !== not ? TRUE : FALSE;
  };
}

/** The fast-path kind of a variable, or undefined for a type it leaves to DuckDB. */
function slotKind(slot: VariableSlot): 'int' | 'str' | undefined {
  if (slot.duckType === 'INTEGER' && slot.type.name === 'int') return 'int';
  if (slot.duckType === 'VARCHAR' && STRING_TYPES.has(slot.type.name)) return 'str';
  return undefined;
}

/** Value objects of the small integers and the one-character strings, shared (FastValue is immutable). */
const SMALL_INTS: (FastValue | undefined)[] = [];
const SMALL_MIN = -1024;
const SMALL_MAX = 65535;
const CHARS: (FastValue | undefined)[] = [];

function intValue(n: number): FastValue {
  const num = n === 0 ? 0 : n; // -0 (from -0 or a truncated division) is 0, as its text is
  if (num >= SMALL_MIN && num <= SMALL_MAX && Number.isInteger(num)) {
    const i = num - SMALL_MIN;
    return SMALL_INTS[i] ?? (SMALL_INTS[i] = { value: String(num), kind: 'int', num });
  }
  return { value: String(num), kind: 'int', num };
}

function strValue(s: string): FastValue {
  if (s.length === 1) {
    const c = s.charCodeAt(0);
    if (c < 256) return CHARS[c] ?? (CHARS[c] = { value: s, kind: 'str' });
  }
  return { value: s, kind: 'str' };
}

function intResult(n: number): FastValue | undefined {
  return n >= INT_MIN && n <= INT_MAX ? intValue(n) : undefined;
}

/**
 * SQL Server's `=` on two texts under the default collation, for ASCII text: trailing blanks
 * ignored, letters compared ignoring case (what `trimBlanks(x).toLowerCase() ===
 * trimBlanks(y).toLowerCase()` gives, without building the copies); undefined when either
 * holds a character past ASCII (the collation's rules are then DuckDB's to apply).
 */
function textEqualIgnoringCase(x: string, y: string): boolean | undefined {
  let xl = x.length;
  while (xl > 0 && x.charCodeAt(xl - 1) === 32) xl--;
  let yl = y.length;
  while (yl > 0 && y.charCodeAt(yl - 1) === 32) yl--;
  for (let i = 0; i < xl; i++) if (x.charCodeAt(i) > 0x7f) return undefined;
  for (let i = 0; i < yl; i++) if (y.charCodeAt(i) > 0x7f) return undefined;
  if (xl !== yl) return false;
  for (let i = 0; i < xl; i++) {
    let a = x.charCodeAt(i);
    let b = y.charCodeAt(i);
    if (a === b) continue;
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}

/** True when every character of `s` is one UTF-16 unit, so length and slice count characters. */
export function bmp(s: string): boolean {
  // A loop reads the same string character by character: the last answer is kept.
  if (s === lastBmp.text) return lastBmp.bmp;
  let ok = true;
  for (let i = 0; i < s.length && ok; i++) {
    const c = s.charCodeAt(i);
    ok = c < 0xd800 || c > 0xdfff;
  }
  lastBmp.text = s;
  lastBmp.bmp = ok;
  return ok;
}

const lastBmp = { text: '', bmp: true };

/** Right-trims blanks (only U+0020, as SQL Server's comparison and LEN do). */
function trimBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>']);

/**
 * The operators on two non-NULL int values: the result, or undefined where SQL Server raises an
 * error (overflow 8115, division by zero 8134, INT_MIN / -1) for DuckDB to raise.
 */
const INT_OPS: Readonly<Record<string, (x: number, y: number) => FastValue | undefined>> = {
  '+': (x, y) => intResult(x + y),
  '-': (x, y) => intResult(x - y),
  // |x * y| < 2^62: a product past 2^53 is far outside int anyway, so the range check is exact.
  '*': (x, y) => intResult(x * y),
  '/': (x, y) => (y === 0 || (x === INT_MIN && y === -1) ? undefined : intResult(Math.trunc(x / y))),
  '%': (x, y) => (y === 0 || (x === INT_MIN && y === -1) ? undefined : intResult(x % y)),
  '=': (x, y) => (x === y ? TRUE : FALSE),
  '<>': (x, y) => (x !== y ? TRUE : FALSE),
  '!=': (x, y) => (x !== y ? TRUE : FALSE),
  '<': (x, y) => (x < y ? TRUE : FALSE),
  '!>': (x, y) => (x <= y ? TRUE : FALSE),
  '>': (x, y) => (x > y ? TRUE : FALSE),
  '!<': (x, y) => (x >= y ? TRUE : FALSE),
  '<=': (x, y) => (x <= y ? TRUE : FALSE),
  '>=': (x, y) => (x >= y ? TRUE : FALSE),
};

/** `a op b` on two fast values (both evaluated, as SQL Server evaluates both sides). */
function binary(op: string, comparison: boolean, arithmetic: boolean, a: FastValue, b: FastValue): FastValue | undefined {
  if (op === 'AND' || op === 'OR') {
    if (a.kind !== 'bool' || b.kind !== 'bool') return undefined;
    const x = a.value === null ? null : a.value === '1';
    const y = b.value === null ? null : b.value === '1';
    if (op === 'AND') return x === false || y === false ? FALSE : x === null || y === null ? UNKNOWN : TRUE;
    return x === true || y === true ? TRUE : x === null || y === null ? UNKNOWN : FALSE;
  }
  if (a.kind === 'bool' || b.kind === 'bool') return undefined;
  // An untyped NULL takes the other side's type; NULL op NULL is an int NULL in SQL Server.
  const kind = a.kind === 'null' ? (b.kind === 'null' ? 'int' : b.kind) : a.kind;
  if ((a.kind !== 'null' && a.kind !== kind) || (b.kind !== 'null' && b.kind !== kind)) return undefined;
  if (a.value === null || b.value === null) {
    if (comparison) return UNKNOWN;
    if (kind === 'int' && arithmetic) return { value: null, kind: 'int' };
    if (kind === 'str' && op === '+') return { value: null, kind: 'str' };
    return undefined;
  }
  if (kind === 'int') {
    const f = INT_OPS[op];
    return f === undefined ? undefined : f(numOf(a), numOf(b));
  }
  if (op === '+') {
    const s = a.value + b.value;
    return s.length > MAX_FAST_STRING ? undefined : { value: s, kind: 'str' };
  }
  if (op === '=' || op === '<>' || op === '!=') {
    const eq = textEqualIgnoringCase(a.value, b.value);
    return eq === undefined ? undefined : eq === (op === '=') ? TRUE : FALSE;
  }
  return undefined; // ordering strings follows the collation's sort order: DuckDB's job
}

/** The built-in functions of the fast path; any other name goes to DuckDB. */
function compileCall(e: FunctionCall): Compiled {
  if (e.name.parts.length !== 1 || e.over !== undefined || e.distinct || e.star) return FAIL;
  const name = (e.name.parts[0]?.name ?? '').toUpperCase();
  if (!['LEN', 'SUBSTRING', 'ISNULL', 'LEFT', 'RIGHT', 'ABS'].includes(name)) return FAIL;
  // A user function of the same name (dbo.LEN) is called with a schema, never bare: bare is the built-in.
  if (e.args.length === 0 || e.args.length > 3) return FAIL;
  const [f0, f1, f2] = e.args.map(compiledOf);
  const count = e.args.length;
  const first = e.args[0];
  const firstVariable = first?.kind === 'Variable' ? first.name.toLowerCase() : undefined;
  return (state) => {
    // Arguments in order; the first one the fast path cannot take ends the evaluation.
    const a0 = f0 === undefined ? undefined : f0(state);
    if (a0 === undefined || a0.kind === 'bool') return undefined;
    let a1: FastValue | undefined;
    if (f1 !== undefined) {
      a1 = f1(state);
      if (a1 === undefined || a1.kind === 'bool') return undefined;
    }
    let a2: FastValue | undefined;
    if (f2 !== undefined) {
      a2 = f2(state);
      if (a2 === undefined || a2.kind === 'bool') return undefined;
    }
    return callValues(state, name, count, a0, a1, a2, firstVariable);
  };
}

function callValues(state: EmulatorState, name: string, count: number, a0: FastValue, a1: FastValue | undefined, a2: FastValue | undefined, firstVariable: string | undefined): FastValue | undefined {
  switch (name) {
    case 'LEN':
      if (count !== 1 || a0.kind === 'int') return undefined;
      if (a0.value === null) return { value: null, kind: 'int' };
      return bmp(a0.value) ? intValue(trimBlanks(a0.value).length) : undefined;
    case 'SUBSTRING': {
      if (count !== 3 || a0.kind !== 'str' || a1 === undefined || a2 === undefined || a1.kind === 'str' || a2.kind === 'str') return undefined;
      if (a0.value === null || a1.value === null || a2.value === null) return { value: null, kind: 'str' };
      const start = numOf(a1);
      const n = numOf(a2);
      if (n < 0 || !bmp(a0.value)) return undefined; // error 537 is DuckDB's to raise
      // Characters start .. start + n - 1 that exist: a start below 1 shortens the result.
      const from = Math.max(start, 1);
      const len = Math.max(n - (from - start), 0);
      // One character (a loop reading a string character by character): charAt takes it from
      // V8's table of one-character strings where slice would allocate one.
      return strValue(len === 1 ? a0.value.charAt(from - 1) : a0.value.slice(from - 1, from - 1 + len));
    }
    case 'LEFT': case 'RIGHT': {
      if (count !== 2 || a0.kind !== 'str' || a1 === undefined || a1.kind === 'str') return undefined;
      if (a0.value === null || a1.value === null) return { value: null, kind: 'str' };
      const n = numOf(a1);
      if (n < 0 || !bmp(a0.value)) return undefined; // error 536 is DuckDB's to raise
      return { value: name === 'LEFT' ? a0.value.slice(0, n) : a0.value.slice(Math.max(0, a0.value.length - n)), kind: 'str' };
    }
    case 'ABS':
      if (count !== 1 || a0.kind !== 'int') return undefined;
      return a0.value === null ? a0 : intResult(Math.abs(numOf(a0)));
    case 'ISNULL': {
      if (count !== 2 || a1 === undefined) return undefined;
      // The result has the first argument's type: int with int; a string variable of a varying
      // type whose declared length holds the replacement (char pads, a shorter type cuts).
      if (a0.kind === 'int' && (a1.kind === 'int' || a1.kind === 'null')) return a0.value === null ? a1.value === null ? { value: null, kind: 'int' } : a1 : a0;
      if (a0.kind === 'str' && a1.kind !== 'int') {
        const type = firstVariable === undefined ? undefined : state.frame.variables.get(firstVariable)?.type;
        if (type === undefined || (type.name !== 'varchar' && type.name !== 'nvarchar')) return undefined;
        if (a0.value !== null) return a0;
        if (a1.value === null) return { value: null, kind: 'str' };
        return type.length === undefined || type.length < 0 || a1.value.length <= type.length ? { value: a1.value, kind: 'str' } : undefined;
      }
      return undefined;
    }
    default: return undefined;
  }
}

/** assignFast of a non-NULL text value (a fetched string), without a value object. */
export function assignFastText(slot: VariableSlot, text: string): boolean {
  if (slot.duckType !== 'VARCHAR' || !STRING_TYPES.has(slot.type.name) || !bmp(text)) return false;
  slot.value = fitText(text, slot.type);
  return true;
}

/** Assigns a fast value to a variable when the conversion is exact; false otherwise. */
export function assignFast(slot: VariableSlot, v: FastValue): boolean {
  // An xml variable holds its serialised form, made by the interpreter (runtime.ts assignXml).
  if (slot.type.name === 'xml') return false;
  if (v.kind === 'null') { slot.value = null; return true; }
  if (v.kind === 'int') {
    // Into a wider or narrower integer type when the value fits (else DuckDB raises error 220/8115).
    const range = INTEGER_SLOTS.get(slot.type.name);
    if (range === undefined || slot.duckType !== range[2]) return false;
    if (v.value !== null && (numOf(v) < range[0] || numOf(v) > range[1])) return false;
    slot.value = v.value;
    slot.fast = v; // the next read of the slot returns this object (fastpath.ts checks kind and value)
    return true;
  }
  if (v.kind === 'str') {
    if (v.value !== null) return assignFastText(slot, v.value);
    if (slot.duckType !== 'VARCHAR' || !STRING_TYPES.has(slot.type.name)) return false;
    slot.value = null;
    return true;
  }
  return false;
}

/** SQL Server's assignment to (n)(var)char(n): cut to n characters, char(n) padded with blanks. */
export function fitText(s: string, type: TsqlType): string {
  const len = type.length;
  if (len === undefined || len < 0) return s;
  const kept = s.length > len ? s.slice(0, len) : s;
  return isBlankPadded(type) ? kept.padEnd(len, ' ') : kept;
}
