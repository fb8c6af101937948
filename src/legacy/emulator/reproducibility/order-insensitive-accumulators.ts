import type { CreateFunction, CreateProcedure, CreateTrigger, DataType, Expression, If, SetVariable, Statement } from '../../../tsql';
import { walk } from '../../../tsql';
import { INTEGER_TYPE_BOUNDS } from '../tsql-types';

/*
 * The variables an order-insensitive cursor loop (order-insensitive-loop.ts) may carry from one
 * row to the next: what each pass adds to them, or offers them, gives the same final value in
 * every order. Three forms, each variable's every assignment in the body of one form, and the
 * variable read nowhere else in the body (another read would see a running value):
 * - a count: `SET @v = @v + n` / `SET @v += n`, n a non-negative integer literal, @v of an exact
 *   integer type. It only grows, so it passes its type's limit in some order exactly when its
 *   final value does (that error, as any other, is refused at run time: order-insensitive-runs.ts).
 * - an exact sum: `SET @v = @v + @x` (`@x + @v`, `@v += @x`), @x pass-local, both of exact
 *   numeric types (integer, decimal/numeric) with @x's scale at most @v's, and the sum's type
 *   within 38 digits: no rounding anywhere (money and float are left out), so the sum is exact
 *   and commutative. Its running value may go down as well as up, so which order passes the
 *   type's limit on the way is the order's: the run tracks each such sum's positive and negative
 *   addends and refuses when either part could leave the range (order-insensitive-runs.ts).
 *   A NULL addend makes the sum NULL for good, in whichever order it comes.
 * - a minimum or maximum: `IF @m IS NULL OR @x > @m SET @m = @x` (`<`, `>=`, `<=`, either operand
 *   order, either side of the OR), @x pass-local and the same in the comparison and the SET, of
 *   an exact numeric type @m holds without rounding or overflow, or of the same date or time
 *   type: the result is the largest (smallest) value offered, whatever the order, and a NULL
 *   never wins. Text is left out (equal texts may differ in case or trailing blanks, and which
 *   spelling is kept is the order's), as are float and datetimeoffset (equal instants at other offsets).
 */

type Container = CreateProcedure | CreateFunction | CreateTrigger;

/** An exact numeric type: its scale and range, in units of its scale (decimal(5,2): ±99999, 10^-2 each). */
export interface ExactType {
  readonly text: string;
  readonly integer: boolean;
  readonly precision: number;
  readonly scale: number;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** A `SET @v = @v + @x` whose running total the run checks against @v's type. */
export interface SumSite {
  readonly set: SetVariable;
  /** The accumulator as written, and lower-case. */
  readonly written: string;
  readonly accumulator: string;
  /** The pass-local addend, lower-case. */
  readonly addend: string;
  readonly type: ExactType;
}

/** An `IF @m IS NULL OR @x > @m SET @m = @x`: the SET, with its variables and direction. */
interface MinMaxSite {
  readonly set: SetVariable;
  readonly value: string;
  readonly largest: boolean;
}

const lower = (name: string): string => name.toLowerCase();

/** The integer types by name (`integer` is int's synonym). */
const integerBounds = (name: string): readonly [bigint, bigint] | undefined => INTEGER_TYPE_BOUNDS[name === 'integer' ? 'int' : name];

/** The one data type `v` is declared with in the container (a DECLARE or a parameter), if there is one. */
function declaredType(container: Container, v: string): DataType | undefined {
  const types: DataType[] = [];
  walk(container, (n) => {
    if (n.kind === 'VariableDeclaration' && lower(n.variable.name) === v) types.push(n.dataType);
    if (n.kind === 'Parameter' && lower(n.name) === v) types.push(n.dataType);
  });
  return types.length === 1 ? types[0] : undefined;
}

/** A built-in type's lower-case name (undefined for a schema-qualified or alias type, whose base is not known here). */
function builtinName(d: DataType | undefined): string | undefined {
  return d?.name.parts.length === 1 ? lower(d.name.parts[0]?.name ?? '') : undefined;
}

/** `d` as an exact numeric type (an integer type, decimal or numeric), else undefined. */
export function exactType(d: DataType | undefined): ExactType | undefined {
  const name = builtinName(d);
  if (d === undefined || name === undefined) return undefined;
  const integer = integerBounds(name);
  // precision: the digits of the type's largest value (3, 5, 10, 19), as decimal arithmetic counts them
  if (integer !== undefined) return d.args.length === 0 ? { text: name, integer: true, precision: String(integer[1]).length, scale: 0, lo: integer[0], hi: integer[1] } : undefined;
  if (name !== 'decimal' && name !== 'numeric' && name !== 'dec') return undefined;
  const [p, s] = [d.args[0] ?? '18', d.args[1] ?? '0'];
  if (!/^\d+$/.test(p) || !/^\d+$/.test(s) || d.args.length > 2) return undefined;
  const [precision, scale] = [Number(p), Number(s)];
  if (precision < 1 || precision > 38 || scale > precision) return undefined;
  const hi = 10n ** BigInt(precision) - 1n;
  return { text: `${name}(${precision},${scale})`, integer: false, precision, scale, lo: -hi, hi };
}

/** `d` as a date or time type SQL Server compares and assigns without loss between equal declarations, else undefined. */
function dateType(d: DataType | undefined): string | undefined {
  const name = builtinName(d);
  if (d === undefined || name === undefined) return undefined;
  if (name === 'date' || name === 'datetime' || name === 'smalldatetime') return d.args.length === 0 ? name : undefined;
  if (name === 'datetime2' || name === 'time') return d.args.length <= 1 && /^\d*$/.test(d.args[0] ?? '') ? `${name}(${d.args[0] ?? '7'})` : undefined;
  return undefined;
}

const isVariable = (e: Expression | undefined, v?: string): e is Expression & { readonly kind: 'Variable'; readonly name: string } => e?.kind === 'Variable' && (v === undefined || lower(e.name) === v);

const isCount = (e: Expression | undefined): boolean => e?.kind === 'Literal' && e.literalType === 'integer' && /^\d+$/.test(e.value);

/** What `set` adds to `v` (`@v = @v + a`, `@v = a + @v`, `@v += a`), or undefined when it is no such addition. */
function addendOf(set: SetVariable, v: string): Expression | undefined {
  if (set.operator === '+=') return set.value;
  const e = set.value;
  if (set.operator !== '=' || e?.kind !== 'Binary' || e.operator !== '+') return undefined;
  if (isVariable(e.left, v)) return e.right;
  return isVariable(e.right, v) ? e.left : undefined;
}

const FLIPPED: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

/** The SETs of the body that keep a minimum or maximum: the THEN of `IF @m IS NULL OR @x > @m SET @m = @x` (no ELSE). */
export function minMaxSites(body: readonly Statement[]): Map<SetVariable, MinMaxSite> {
  const sites = new Map<SetVariable, MinMaxSite>();
  for (const s of body) walk(s, (n) => {
    if (n.kind === 'If') {
      const site = minMaxSite(n);
      if (site !== undefined) sites.set(site.set, site);
    }
    return true;
  });
  return sites;
}

function minMaxSite(s: If): MinMaxSite | undefined {
  const then = s.then.kind === 'Block' && s.then.statements.length === 1 ? s.then.statements[0] : s.then;
  const c = s.condition;
  if (s.else !== undefined || then?.kind !== 'SetVariable' || then.operator !== '=' || !isVariable(then.value) || c.kind !== 'Binary' || c.operator !== 'OR') return undefined;
  const m = lower(then.variable.name);
  const x = lower(then.value.name);
  if (m === x) return undefined;
  const isNullTest = (e: Expression): boolean => e.kind === 'IsNull' && !e.not && isVariable(e.expression, m);
  const compare = isNullTest(c.left) ? c.right : isNullTest(c.right) ? c.left : undefined;
  if (compare?.kind !== 'Binary' || FLIPPED[compare.operator] === undefined) return undefined;
  // as `@x op @m`
  const op = isVariable(compare.left, x) && isVariable(compare.right, m) ? compare.operator : isVariable(compare.left, m) && isVariable(compare.right, x) ? FLIPPED[compare.operator] : undefined;
  if (op === undefined) return undefined;
  return { set: then, value: x, largest: op.startsWith('>') };
}

/** Whether every value of `x` is one of `m` (no rounding, no overflow on `SET @m = @x`). */
function holds(m: ExactType, x: ExactType): boolean {
  const up = 10n ** BigInt(Math.max(0, m.scale - x.scale));
  return m.scale >= x.scale && x.hi * up <= m.hi && x.lo * up >= m.lo;
}

/**
 * Why `v`, which the body assigns but not first in each pass, carries no order-insensitive value
 * (a string), or the sums whose running totals the run must check (empty for a count or a
 * minimum/maximum). `reads`: how often the body reads `v` (a SET's target is no read; `+=` is one).
 */
export function accumulatorVerdict(container: Container, v: string, sets: readonly SetVariable[], reads: number, passLocal: ReadonlySet<string>, minMax: ReadonlyMap<SetVariable, MinMaxSite>): string | SumSite[] {
  const written = sets[0]?.variable.name ?? v;
  const sites = sets.map((s) => minMax.get(s));
  if (sites.every((m) => m !== undefined)) return minMaxWhy(container, v, written, sites, reads, passLocal) ?? [];
  const addends = sets.map((s) => addendOf(s, v));
  const other = `${written} carries a value from one row to the next otherwise than by adding a non-negative integer constant, adding an exact number set in the pass, or keeping the least or greatest of such values`;
  // each addition reads @v once; any other read sees a running value
  const readElsewhere = `the loop reads ${written}, which it carries across rows, before its end`;
  if (addends.every(isCount)) {
    if (reads !== sets.length) return readElsewhere;
    const t = exactType(declaredType(container, v));
    return t?.integer === true ? [] : `${written}, which counts across rows, is not declared of an exact integer type`;
  }
  if (!addends.every((a) => isVariable(a) && lower(a.name) !== v && passLocal.has(lower(a.name)))) return other;
  if (reads !== sets.length) return readElsewhere;
  const type = exactType(declaredType(container, v));
  if (type === undefined) return `${written}, which sums values across rows, is not declared of an exact numeric type (an integer type, decimal or numeric)`;
  const out: SumSite[] = [];
  for (const [i, set] of sets.entries()) {
    const addend = addends[i] as Expression & { readonly name: string };
    const a = exactType(declaredType(container, lower(addend.name)));
    if (a === undefined) return `${written} sums ${addend.name}, which is not declared of an exact numeric type (an integer type, decimal or numeric)`;
    if (a.scale > type.scale) return `${written} (${type.text}) sums ${addend.name} (${a.text}), whose decimals it rounds away in an order-dependent way`;
    // decimal arithmetic past 38 digits drops decimals (precision and scale of the result, "+")
    const scale = Math.max(type.scale, a.scale);
    if (!(type.integer && a.integer) && scale + Math.max(type.precision - type.scale, a.precision - a.scale) + 1 > 38) return `${written} (${type.text}) sums ${addend.name} (${a.text}) in a type past 38 digits, which may round`;
    out.push({ set, written, accumulator: v, addend: lower(addend.name), type });
  }
  return out;
}

function minMaxWhy(container: Container, v: string, written: string, sites: readonly MinMaxSite[], reads: number, passLocal: ReadonlySet<string>): string | undefined {
  // each site's condition reads @m twice (IS NULL and the comparison)
  if (reads !== 2 * sites.length) return `the loop reads ${written}, which keeps the least or greatest value across rows, before its end`;
  if (!sites.every((s) => s.largest === sites[0]?.largest)) return `${written} keeps the greatest value in one place and the least in another`;
  const mType = declaredType(container, v);
  for (const s of sites) {
    const name = s.set.value?.kind === 'Variable' ? s.set.value.name : s.value;
    if (!passLocal.has(s.value)) return `${written} keeps the least or greatest of ${name}, which is not set in each pass`;
    const xType = declaredType(container, s.value);
    const [m, x] = [exactType(mType), exactType(xType)];
    if (m !== undefined && x !== undefined ? holds(m, x) : dateType(mType) !== undefined && dateType(mType) === dateType(xType)) continue;
    return `${written} keeps the least or greatest of ${name}, which are not both exact numbers (${written} holding every value of ${name}) or both of one date or time type: equal texts may be spelt differently, and which spelling is kept is the order's`;
  }
  return undefined;
}
