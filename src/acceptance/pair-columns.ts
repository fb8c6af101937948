import { AcceptanceError } from '../core';
import { toleranceFor, type CompareOptions, type Tolerance } from './compare-options';
import { choosePairClass, type PairClass, type TextRules, type ValueKind } from './normalize-rules';

/** A column of one side with its type name and kind. */
export interface TypedColumn {
  readonly name: string;
  readonly type: string;
  readonly kind: ValueKind;
  /**
   * The values are the file's text although `type`/`kind` say what they hold (a CSV timestamp
   * column with more fraction digits than DuckDB's TIMESTAMP keeps): SQL parses the text.
   */
  readonly heldAsText?: boolean;
}

/**
 * An expected column and its actual counterpart. A column only one side has is still a pair:
 * the other side reads as NULL, so its values count as mismatches instead of passing unseen.
 */
export interface ColumnPair {
  readonly kind: 'column-pair';
  readonly name: string;
  readonly expected: TypedColumn | undefined;
  readonly actual: TypedColumn | undefined;
  readonly cls: PairClass;
  readonly tolerance: Tolerance;
}

/** The pairing of two schemas under the options' mapping and ignore list. */
export interface Pairing {
  readonly pairs: readonly ColumnPair[];
  readonly ignored: readonly string[];
  readonly mapped: readonly { readonly expected: string; readonly actual: string }[];
}

/** The text rules of one pair: a uniqueidentifier column (a UUID, or CSV text of GUIDs held as
 * one) compares its text ignoring case, as SQL Server compares the values it spells. */
export function pairRules(pair: ColumnPair, rules: TextRules): TextRules {
  const uuid = pair.expected?.type.toUpperCase() === 'UUID' || pair.actual?.type.toUpperCase() === 'UUID';
  return uuid && !rules.ignoreCase ? { ...rules, ignoreCase: true } : rules;
}

function findColumn(columns: readonly TypedColumn[], name: string): TypedColumn | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/**
 * Pairs expected columns with actual ones: by `map` (expected -> actual name) first, then by name
 * (exactly, else ignoring case, as SQL Server does). Ignored names may be given for either side.
 * Throws an AcceptanceError when a mapped or ignored column exists on neither side, listing the
 * columns there are.
 */
export function pairColumns(expected: readonly TypedColumn[], actual: readonly TypedColumn[], options: CompareOptions): Pairing {
  const lower = (s: string): string => s.toLowerCase();
  const ignoredSet = new Set(options.ignore.map(lower));
  for (const name of options.ignore) {
    if (!findColumn(expected, name) && !findColumn(actual, name)) throw unknownColumn(name, 'ignore', expected, actual);
  }
  for (const [e, a] of Object.entries(options.map)) {
    if (!findColumn(expected, e)) throw unknownColumn(e, 'map', expected, actual, 'expected');
    if (!findColumn(actual, a)) throw unknownColumn(a, 'map', expected, actual, 'actual');
  }
  const mappedActual = new Set(Object.values(options.map).map(lower));
  const usedActual = new Set<string>();
  const pairs: ColumnPair[] = [];
  const mapped: { expected: string; actual: string }[] = [];
  const ignored: string[] = [];
  for (const e of expected) {
    if (ignoredSet.has(lower(e.name))) { ignored.push(e.name); continue; }
    const mapName = Object.entries(options.map).find(([k]) => lower(k) === lower(e.name))?.[1];
    const a = mapName !== undefined ? findColumn(actual, mapName)
      : findColumn(actual.filter((c) => !mappedActual.has(lower(c.name)) && !usedActual.has(lower(c.name))), e.name);
    if (a && ignoredSet.has(lower(a.name))) { ignored.push(e.name); usedActual.add(lower(a.name)); continue; }
    if (a) usedActual.add(lower(a.name));
    if (mapName !== undefined && a) mapped.push({ expected: e.name, actual: a.name });
    const tolerance = toleranceFor(options, e.name);
    const cls = a ? choosePairClass(e.name, e.kind, a.kind, [e.type, a.type], tolerance) : choosePairClass(e.name, e.kind, e.kind, [e.type, e.type], tolerance);
    pairs.push({ kind: 'column-pair', name: e.name, expected: e, actual: a, cls, tolerance });
  }
  for (const a of actual) {
    if (usedActual.has(lower(a.name))) continue;
    if (ignoredSet.has(lower(a.name))) { ignored.push(a.name); continue; }
    const tolerance = toleranceFor(options, a.name);
    pairs.push({ kind: 'column-pair', name: a.name, expected: undefined, actual: a, cls: choosePairClass(a.name, a.kind, a.kind, [a.type, a.type], tolerance), tolerance });
  }
  return { pairs, ignored, mapped };
}

/** Resolves key names (expected-side, or actual-side names of mapped columns) to pairs present on both sides. */
export function resolveKeyPairs(pairing: Pairing, key: readonly string[], expected: readonly TypedColumn[], actual: readonly TypedColumn[]): ColumnPair[] {
  return key.map((k) => {
    const pair = pairing.pairs.find((p) => p.name === k) ?? pairing.pairs.find((p) => p.name.toLowerCase() === k.toLowerCase() || p.actual?.name.toLowerCase() === k.toLowerCase());
    if (!pair || !pair.expected || !pair.actual) {
      const side = !pair ? undefined : !pair.expected ? 'expected' : 'actual';
      throw unknownColumn(k, 'key', expected, actual, side);
    }
    return pair;
  });
}

function unknownColumn(name: string, field: string, expected: readonly TypedColumn[], actual: readonly TypedColumn[], side?: 'expected' | 'actual'): AcceptanceError {
  const list = (cs: readonly TypedColumn[]): string => cs.map((c) => c.name).join(', ') || '(none)';
  const where = side === undefined ? 'on either side' : `on the ${side} side`;
  // DuckDB's names for the columns of a file it read without a header row
  const unnamed = (cs: readonly TypedColumn[]): boolean => cs.length > 0 && cs.every((c, i) => c.name === `column${i}` || c.name === `column${String(i).padStart(String(cs.length - 1).length, '0')}`);
  const noHeader = unnamed(expected) && !unnamed(actual) ? 'expected' : unnamed(actual) && !unnamed(expected) ? 'actual' : undefined;
  return new AcceptanceError('ACCEPT_NO_COLUMN', `${field} column '${name}' does not exist ${where}`, {
    hint: `expected columns: ${list(expected)}; actual columns: ${list(actual)}${noHeader === undefined ? ''
      : `; the ${noHeader} file has no header row (SSMS saves results without one by default): --${noHeader}-no-header names its columns after the other file's, in order (${noHeader}Csv: {header: false} in a config)`}`,
  });
}
