import type { Expression } from '../../tsql';
import type { EmulatorState, VariableSlot } from './state';
import { familyOf, type TsqlType } from './tsql-types';

/** A value the fast path computed: DuckDB text (or null) and whether it is an integer or a string. */
interface FastValue {
  readonly value: string | null;
  readonly kind: 'int' | 'str' | 'bool';
}

const INT_TYPES = new Set(['INTEGER', 'BIGINT', 'SMALLINT']);
const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;

/**
 * Evaluates the small scalar expressions that cursor loops run thousands of times (counters,
 * `SUBSTRING(@w, @i, 1) = @c`, `@@FETCH_STATUS = 0`) in JavaScript instead of a DuckDB round
 * trip, with exactly the translator's semantics. Anything else returns undefined and goes to
 * DuckDB; so does any case whose result could differ (overflow, bigint, ordering of strings).
 */
export function evalFast(state: EmulatorState, e: Expression): FastValue | undefined {
  switch (e.kind) {
    case 'Literal':
      if (e.literalType === 'integer') {
        const n = BigInt(e.value);
        return n >= INT_MIN && n <= INT_MAX ? { value: n.toString(), kind: 'int' } : undefined;
      }
      if (e.literalType === 'string' || e.literalType === 'nstring') return { value: e.value, kind: 'str' };
      if (e.literalType === 'null') return undefined;
      return undefined;
    case 'Variable': {
      const slot = state.frames.length > 0 ? state.frame.variables.get(e.name.toLowerCase()) : undefined;
      if (slot === undefined) return undefined;
      if (slot.duckType === 'INTEGER') return { value: slot.value, kind: 'int' };
      if (slot.duckType === 'VARCHAR' && familyOf(slot.type) === 'string') return { value: slot.value, kind: 'str' };
      return undefined;
    }
    case 'SystemVariable': {
      const n = e.name.toUpperCase();
      const v = n === '@@FETCH_STATUS' ? state.fetchStatus : n === '@@ROWCOUNT' ? state.rowCount : n === '@@TRANCOUNT' ? state.tranCount : n === '@@ERROR' ? state.errorNumber : undefined;
      return v === undefined ? undefined : { value: String(v), kind: 'int' };
    }
    case 'IsNull': {
      const x = evalFast(state, e.expression);
      if (x === undefined) return undefined;
      return bool((x.value === null) !== e.not);
    }
    case 'Unary': {
      const x = evalFast(state, e.operand);
      if (x === undefined) return undefined;
      if (e.operator.toUpperCase() === 'NOT' && x.kind === 'bool') return { value: x.value === null ? null : x.value === '1' ? '0' : '1', kind: 'bool' };
      if (e.operator === '-' && x.kind === 'int') return intResult(x.value === null ? null : -BigInt(x.value));
      return undefined;
    }
    case 'Binary': return binary(state, e.operator.toUpperCase(), e.left, e.right);
    case 'FunctionCall': {
      if (e.name.parts.length !== 1 || e.over !== undefined || e.distinct || e.star) return undefined;
      const name = (e.name.parts[0]?.name ?? '').toUpperCase();
      const args = e.args.map((a) => evalFast(state, a));
      if (args.some((a) => a === undefined)) return undefined;
      const [a0, a1, a2] = args as FastValue[];
      if (name === 'LEN' && args.length === 1 && a0?.kind === 'str') {
        return { value: a0.value === null ? null : String([...a0.value.replace(/ +$/, '')].length), kind: 'int' };
      }
      if (name === 'SUBSTRING' && args.length === 3 && a0?.kind === 'str' && a1?.kind === 'int' && a2?.kind === 'int') {
        if (a0.value === null || a1.value === null || a2.value === null) return { value: null, kind: 'str' };
        const st = Number(a1.value);
        const n = Number(a2.value);
        if (n < 0) return undefined;
        const from = Math.max(st, 1);
        const len = Math.max(n - (from - st), 0);
        return { value: [...a0.value].slice(from - 1, from - 1 + len).join(''), kind: 'str' };
      }
      return undefined;
    }
    default: return undefined;
  }
}

function bool(b: boolean | null): FastValue {
  return { value: b === null ? null : b ? '1' : '0', kind: 'bool' };
}

function intResult(n: bigint | null): FastValue | undefined {
  if (n === null) return { value: null, kind: 'int' };
  return n >= INT_MIN && n <= INT_MAX ? { value: n.toString(), kind: 'int' } : undefined;
}

function binary(state: EmulatorState, op: string, l: Expression, r: Expression): FastValue | undefined {
  const a = evalFast(state, l);
  if (a === undefined) return undefined;
  const b = evalFast(state, r);
  if (b === undefined) return undefined;
  if (op === 'AND' || op === 'OR') {
    if (a.kind !== 'bool' || b.kind !== 'bool') return undefined;
    const x = a.value === null ? null : a.value === '1';
    const y = b.value === null ? null : b.value === '1';
    if (op === 'AND') return bool(x === false || y === false ? false : x === null || y === null ? null : true);
    return bool(x === true || y === true ? true : x === null || y === null ? null : false);
  }
  if (a.kind === 'int' && b.kind === 'int') {
    if (a.value === null || b.value === null) return ['=', '<>', '!=', '<', '>', '<=', '>='].includes(op) ? bool(null) : { value: null, kind: 'int' };
    const x = BigInt(a.value);
    const y = BigInt(b.value);
    switch (op) {
      case '+': return intResult(x + y);
      case '-': return intResult(x - y);
      case '*': return intResult(x * y);
      case '/': return y === 0n ? undefined : intResult(x / y); // BigInt division truncates toward zero
      case '%': return y === 0n ? undefined : intResult(x % y);
      case '=': return bool(x === y);
      case '<>': case '!=': return bool(x !== y);
      case '<': return bool(x < y);
      case '>': return bool(x > y);
      case '<=': return bool(x <= y);
      case '>=': return bool(x >= y);
      default: return undefined;
    }
  }
  if (a.kind === 'str' && b.kind === 'str') {
    if (op === '+') return { value: a.value === null || b.value === null ? null : a.value + b.value, kind: 'str' };
    if (op === '=' || op === '<>' || op === '!=') {
      if (a.value === null || b.value === null) return bool(null);
      // Case-insensitive, accent-sensitive, trailing blanks ignored: the translator's tsql_str + nocase.
      const eq = a.value.replace(/ +$/, '').toLowerCase() === b.value.replace(/ +$/, '').toLowerCase();
      return bool(op === '=' ? eq : !eq);
    }
  }
  return undefined;
}

/** Assigns a fast value to a variable when the conversion is trivially exact; false otherwise. */
export function assignFast(slot: VariableSlot, v: FastValue): boolean {
  if (v.kind === 'int' && INT_TYPES.has(slot.duckType) && familyOf(slot.type) === 'integer') {
    if (v.value !== null && slot.duckType === 'SMALLINT' && (Number(v.value) < -32768 || Number(v.value) > 32767)) return false;
    slot.value = v.value;
    return true;
  }
  if (v.kind === 'str' && familyOf(slot.type) === 'string') {
    slot.value = v.value === null ? null : cut(v.value, slot.type);
    return true;
  }
  return false;
}

function cut(s: string, type: TsqlType): string {
  const len = type.length;
  if (len === undefined || len < 0) return s;
  const chars = [...s];
  const cutTo = chars.length > len ? chars.slice(0, len).join('') : s;
  return type.name === 'char' || type.name === 'nchar' ? cutTo + ' '.repeat(Math.max(0, len - [...cutTo].length)) : cutTo;
}
