import type { OpenCursor, SetVariable, Statement } from '../../../tsql';
import type { CursorState, EmulatorState } from '../state';
import { TsqlRuntimeError } from '../state';
import type { SumSite } from './order-insensitive-accumulators';
import { orderInsensitiveLoop, type LoopVerdict } from './order-insensitive-loop';

/*
 * What an order-insensitive cursor loop (order-insensitive-loop.ts) is exempted on, checked as the
 * run goes: its rows (three or more that differ, tie-disputes.ts) are taken in either order only
 * while no pass raises an error, since which row fails first, and what the loop had counted by
 * then, is the order's; so an error while such a loop runs is refused in the order check's second
 * run, as the rows themselves were before. And a section ends with every variable of the procedure
 * as an output: those the loop sets in each pass hold the last row's values there, which the
 * order decides, so they are listed as such (emulate-section.ts reads orderDependentVariables).
 * A sum of numbers that may be negative (`SET @t = @t + @x`) is exact in every order, but its
 * running total is not: [900, -900, 900] stays within decimal(5,2) where [900, 900, -900] leaves
 * it (error 8115). Every running total of every order lies between the start value plus all the
 * negative addends and the start value plus all the positive ones, and the order putting one kind
 * first reaches that bound: so each sum's two parts are kept as the loop runs, and the second run
 * refuses the loop when either leaves the accumulator's type. (A sum that starts NULL stays NULL
 * without an error, whatever it is given.)
 */

/** A sum's start value and the total of its positive and of its negative addends so far, in units of its type's scale; undefined start: not bounded (a value not read). */
interface SumParts {
  readonly start: bigint | undefined;
  positive: bigint;
  negative: bigint;
}

/** An exempted loop still going: where its cursor was opened, the OPEN, and its sums' parts (by lower-case name; none for a sum starting NULL). */
interface Run {
  readonly place: string;
  readonly open: OpenCursor;
  readonly sums: Map<string, SumParts>;
}

/** Per run: the exempted cursors whose loop is still going (OPEN until a FETCH finds no row). */
const running = new WeakMap<EmulatorState, Map<CursorState, Run>>();

/** The sums of exempted loops met so far, by their SET, with the OPEN of their loop. */
const sumSites = new WeakMap<SetVariable, { readonly site: SumSite; readonly open: OpenCursor }>();

/** Per run: variables holding the last row of an exempted loop (lower-case `@name`), with why. */
const lastRowValues = new WeakMap<EmulatorState, Map<string, string>>();

/** Whether the loop OPEN `o` starts over `cursor` is order-insensitive: the static check of its procedure's loop. */
export function cursorLoopVerdict(state: EmulatorState, cursor: CursorState, o: OpenCursor): LoopVerdict {
  return orderInsensitiveLoop(state.frame.procedure, cursor.query, o);
}

/** Notes an exempted loop over rows that differ: its errors refused, its sums checked, its pass-local variables listed. */
export function noteOrderInsensitiveLoop(state: EmulatorState, cursor: CursorState, o: OpenCursor, loop: LoopVerdict & { readonly exempt: true }): void {
  let open = running.get(state);
  if (open === undefined) running.set(state, open = new Map());
  const place = state.place(o.span);
  const sums = new Map<string, SumParts>();
  for (const site of loop.sums) {
    sumSites.set(site.set, { site, open: o });
    const value = state.frame.variables.get(site.accumulator)?.value;
    if (value === null || sums.has(site.accumulator)) continue;
    sums.set(site.accumulator, { start: value === undefined ? undefined : scaled(value, site.type.scale), positive: 0n, negative: 0n });
  }
  open.set(cursor, { place, open: o, sums });
  let values = lastRowValues.get(state);
  if (values === undefined) lastRowValues.set(state, values = new Map());
  for (const v of loop.passLocal) values.set(v, `the rows of the cursor ${cursor.name} opened at ${place} without ORDER BY: three or more of them differ, and after the loop ${v} holds the last one's value (SQL Server may fetch them in any order)`);
}

/** The loop over `cursor` ended (a FETCH found no row, CLOSE, DEALLOCATE). */
export function endOrderInsensitiveLoop(state: EmulatorState, cursor: CursorState): void {
  running.get(state)?.delete(cursor);
}

/** In the order check's second run, refuses a T-SQL error met while an exempted loop runs (`s`: the statement it failed). */
export function refuseErrorInOrderInsensitiveLoop(state: EmulatorState, s: Statement, err: unknown): void {
  if (!state.reverseUnordered || !(err instanceof TsqlRuntimeError)) return;
  const open = running.get(state);
  if (open === undefined || open.size === 0) return;
  const [cursor, { place }] = [...open][0] as [CursorState, Run];
  throw state.unsupported(s, `error ${err.error.number} (${err.error.message}) in the loop over the rows of the cursor ${cursor.name} opened at ${place} without ORDER BY, three or more of which differ (which row fails first, and what the loop has counted by then, depends on the order SQL Server fetches them in)`);
}

/** Variables a section's end leaves holding the last row of an exempted loop (lower-case `@name`), with why. */
export function orderDependentVariables(state: EmulatorState): ReadonlyMap<string, string> {
  return lastRowValues.get(state) ?? new Map();
}

/** `text` (a variable's DuckDB text) in units of 10^-scale; undefined when it is not a plain number of at most that scale. */
function scaled(text: string, scale: number): bigint | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null) return undefined;
  const decimals = m[3] ?? '';
  if (/[1-9]/.test(decimals.slice(scale))) return undefined;
  const units = BigInt(`${m[2] ?? '0'}${decimals.slice(0, scale).padEnd(scale, '0')}`);
  return m[1] === '-' ? -units : units;
}

/** A value in units of 10^-scale, as written. */
function written(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return units < 0n ? `-${text}` : text;
}

/**
 * After `s` ran: when it adds to a sum of an exempted loop that is going, counts its addend into
 * the sum's positive or negative part, and in the order check's second run refuses the loop when
 * some order of its rows would take the running total out of the accumulator's type.
 */
export function noteLoopAddend(state: EmulatorState, s: SetVariable): void {
  const known = sumSites.get(s);
  if (known === undefined) return;
  const run = [...(running.get(state)?.values() ?? [])].find((r) => r.open === known.open);
  const parts = run?.sums.get(known.site.accumulator);
  if (run === undefined || parts === undefined) return;
  const { site } = known;
  const text = state.frame.variables.get(site.addend)?.value;
  if (text === null) return; // the sum is NULL from here on, in any order
  const addend = text === undefined || parts.start === undefined ? undefined : scaled(text, site.type.scale);
  if (addend !== undefined && parts.start !== undefined) {
    if (addend > 0n) parts.positive += addend;
    else parts.negative += addend;
  }
  if (!state.reverseUnordered) return;
  const where = `the sum ${site.written} (${site.type.text}) over the rows of the cursor opened at ${run.place} without ORDER BY, three or more of which differ`;
  if (addend === undefined || parts.start === undefined) throw state.unsupported(s, `${where}, whose running total the emulator could not bound (SQL Server may fetch the rows in any order, and one may take the total past its type)`);
  const [high, low] = [parts.start + parts.positive, parts.start + parts.negative];
  const past = high > site.type.hi ? `its start value and positive addends alone come to ${written(high, site.type.scale)}, past its largest value ${written(site.type.hi, site.type.scale)}`
    : low < site.type.lo ? `its start value and negative addends alone come to ${written(low, site.type.scale)}, past its least value ${written(site.type.lo, site.type.scale)}` : undefined;
  if (past !== undefined) throw state.unsupported(s, `${where}: ${past}, so an order fetching those rows first fails with an arithmetic overflow error where another order may not`);
}
