import type { Row } from '../engine';
import { AcceptanceError } from '../core';
import { rulesOf, type CompareOptions } from './compare-options';
import { combinations } from './key-combinations';
import { keyTextOf, kindOfValues, prepareValue, preparedEqual, type Prepared } from './normalize-rules';
import { pairColumns, resolveKeyPairs, type ColumnPair, type TypedColumn } from './pair-columns';
import { percentOf, type ColumnResult, type DiffRecord, type SideInfo, type TableResult } from './table-result';

// The in-memory twin of compare-tables.ts for a few rows (section tests): the same pairing,
// pair classes and normalisation (normalize-rules.ts), so a jest matcher and `migrate accept`
// never disagree about whether two values are equal.

function columnsOf(rows: readonly Row[]): TypedColumn[] {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  return names.map((name) => {
    const kind = kindOfValues(rows.map((r) => r[name]));
    return { name, type: kind, kind };
  });
}

function cell(row: Row, col: TypedColumn | undefined): unknown {
  return col ? row[col.name] ?? null : null;
}

/** Orders prepared values the way the SQL orders duplicates: NULL first, then by value. */
function comparePrepared(a: Prepared, b: Prepared): number {
  if (a.isNull || b.isNull) return a.isNull === b.isNull ? 0 : a.isNull ? -1 : 1;
  const av = a.parsed ?? a.text ?? '';
  const bv = b.parsed ?? b.text ?? '';
  if (typeof av === typeof bv) return av < bv ? -1 : av > bv ? 1 : 0;
  return String(av) < String(bv) ? -1 : String(av) > String(bv) ? 1 : 0;
}

function keyOf(row: Row, keys: readonly ColumnPair[], side: 'expected' | 'actual', options: CompareOptions): string {
  return keys.map((k) => keyTextOf(cell(row, side === 'expected' ? k.expected : k.actual), k.cls, rulesOf(options))).join('\u0001');
}

function detectKeyInMemory(expected: readonly Row[], actual: readonly Row[], pairs: readonly ColumnPair[], options: CompareOptions): string[] {
  const rules = rulesOf(options);
  const both = pairs.filter((p) => p.expected && p.actual).slice(0, 12);
  const usable = both.filter((p) => expected.every((r) => !prepareValue(cell(r, p.expected), p.cls, rules).isNull) && actual.every((r) => !prepareValue(cell(r, p.actual), p.cls, rules).isNull));
  for (let size = 1; size <= Math.min(3, usable.length); size++) {
    for (const set of combinations(usable, size)) {
      const unique = (rows: readonly Row[], side: 'expected' | 'actual'): boolean => new Set(rows.map((r) => keyOf(r, set, side, options))).size === rows.length;
      if (unique(expected, 'expected') && unique(actual, 'actual')) return set.map((p) => p.name);
    }
  }
  throw new AcceptanceError('ACCEPT_NO_KEY', 'key auto: no set of up to 3 columns is unique and non-NULL on both sides', { hint: 'declare the key, or leave it out to compare rows as a multiset' });
}

/**
 * Compares two in-memory tables with the rules of `migrate accept` and returns the same result
 * object (records, matched, changed, missing, extra, per-column stats, first differing records).
 * Meant for tens to thousands of rows; files go through DuckDB (compareLoadedTables).
 */
export function compareRows(name: string, expected: readonly Row[], actual: readonly Row[], options: CompareOptions): TableResult {
  const started = Date.now();
  const rules = rulesOf(options);
  // An empty array has no columns to show; it is taken to have the other side's.
  const eCols = expected.length === 0 ? columnsOf(actual) : columnsOf(expected);
  const aCols = actual.length === 0 ? eCols : columnsOf(actual);
  const pairing = pairColumns(eCols, aCols, options);
  const notes: string[] = [];
  let keyNames = options.key === 'auto' ? detectKeyInMemory(expected, actual, pairing.pairs, options) : options.key;
  if (options.key === 'auto') notes.push(`key auto chose ${keyNames.join(', ')}`);
  if (expected.length === 0 && actual.length === 0) keyNames = [];
  const keys = keyNames.length > 0 ? resolveKeyPairs(pairing, keyNames, eCols, aCols) : [];
  const values = pairing.pairs.filter((p) => !keys.includes(p));
  const orderKey = (side: 'expected' | 'actual') => (a: Row, b: Row): number => {
    for (const p of values) {
      const own = side === 'expected' ? p.expected : p.actual;
      const c = comparePrepared(prepareValue(cell(a, own), p.cls, rules), prepareValue(cell(b, own), p.cls, rules));
      if (c !== 0) return c;
    }
    return 0;
  };
  const group = (rows: readonly Row[], side: 'expected' | 'actual', by: readonly ColumnPair[]): Map<string, Row[]> => {
    const m = new Map<string, Row[]>();
    for (const r of rows) {
      const k = keyOf(r, by, side, options);
      const list = m.get(k);
      if (list) list.push(r); else m.set(k, [r]);
    }
    for (const list of m.values()) list.sort(orderKey(side));
    return m;
  };
  const eGroups = group(expected, 'expected', keys.length > 0 ? keys : pairing.pairs);
  const aGroups = group(actual, 'actual', keys.length > 0 ? keys : pairing.pairs);
  const mismatches = values.map(() => 0);
  const diffs: { sort: Row; record: DiffRecord }[] = [];
  let changed = 0; let missing = 0; let extra = 0;
  const project = (r: Row, side: 'expected' | 'actual'): Record<string, unknown> =>
    Object.fromEntries([...keys, ...values].map((p) => [p.name, cell(r, side === 'expected' ? p.expected : p.actual)]));
  const keyObj = (r: Row, side: 'expected' | 'actual'): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k.name, cell(r, side === 'expected' ? k.expected : k.actual)]));
  for (const k of new Set([...eGroups.keys(), ...aGroups.keys()])) {
    const es = eGroups.get(k) ?? [];
    const as = aGroups.get(k) ?? [];
    if (keys.length === 0) {
      if (es.length === as.length) continue;
      const more = es.length > as.length ? es : as;
      const status = es.length > as.length ? 'missing' : 'extra';
      const count = Math.abs(es.length - as.length);
      if (status === 'missing') missing += count; else extra += count;
      const row = more[0] as Row;
      const values0 = project(row, status === 'missing' ? 'expected' : 'actual');
      diffs.push({ sort: row, record: { status, key: {}, expected: status === 'missing' ? values0 : null, actual: status === 'extra' ? values0 : null, differing: [], count } });
      continue;
    }
    for (let i = 0; i < Math.max(es.length, as.length); i++) {
      const e = es[i];
      const a = as[i];
      if (e && a) {
        const differing = values.filter((p, j) => {
          const same = preparedEqual(prepareValue(cell(e, p.expected), p.cls, rules), prepareValue(cell(a, p.actual), p.cls, rules), p.cls, p.tolerance);
          if (!same) mismatches[j] = (mismatches[j] ?? 0) + 1;
          return !same;
        }).map((p) => p.name);
        if (differing.length > 0) {
          changed++;
          diffs.push({ sort: e, record: { status: 'changed', key: keyObj(e, 'expected'), expected: project(e, 'expected'), actual: project(a, 'actual'), differing, count: 1 } });
        }
      } else if (e) {
        missing++;
        diffs.push({ sort: e, record: { status: 'missing', key: keyObj(e, 'expected'), expected: project(e, 'expected'), actual: null, differing: [], count: 1 } });
      } else if (a) {
        extra++;
        diffs.push({ sort: a, record: { status: 'extra', key: keyObj(a, 'actual'), expected: null, actual: project(a, 'actual'), differing: [], count: 1 } });
      }
    }
  }
  const matched = expected.length - changed - missing;
  const records = matched + changed + missing + extra;
  const paired = matched + changed;
  const dupValues = (groups: Map<string, Row[]>): number => (keys.length === 0 ? 0 : [...groups.values()].filter((g) => g.length > 1).length);
  const dupKeys = keys.length === 0 ? 0 : new Set([...eGroups].filter(([, g]) => g.length > 1).map(([k]) => k).concat([...aGroups].filter(([, g]) => g.length > 1).map(([k]) => k))).size;
  const columns: ColumnResult[] = pairing.pairs.map((p) => {
    const isKey = keys.includes(p);
    const mis = isKey ? 0 : mismatches[values.indexOf(p)] ?? 0;
    return {
      name: p.name, expectedName: p.expected?.name, actualName: p.actual?.name, expectedType: p.expected?.type, actualType: p.actual?.type, comparedAs: p.cls,
      status: isKey ? 'key' : !p.actual ? 'missing' : !p.expected ? 'extra' : 'compared', mismatches: mis,
      percentMatched: paired === 0 ? (records === 0 ? 100 : 0) : percentOf(paired - mis, paired),
    };
  });
  const side = (rows: readonly Row[], cols: readonly TypedColumn[], groups: Map<string, Row[]>, s: 'expected' | 'actual'): SideInfo => ({
    source: s, bytes: undefined, rows: rows.length, columns: cols.map((c) => ({ name: c.name, type: c.type })), head: rows.slice(0, options.head),
    nullKeyRows: keys.length === 0 ? 0 : rows.filter((r) => keys.some((k) => prepareValue(cell(r, s === 'expected' ? k.expected : k.actual), k.cls, rules).isNull)).length,
    duplicateKeyValues: dupValues(groups), duplicateRows: keys.length === 0 ? 0 : [...groups.values()].filter((g) => g.length > 1).reduce((n, g) => n + g.length, 0),
  });
  const sortBy = keys.length > 0 ? keys : pairing.pairs;
  diffs.sort((x, y) => {
    for (const k of sortBy) {
      const xs = x.record.expected ? 'expected' : 'actual';
      const ys = y.record.expected ? 'expected' : 'actual';
      const c = comparePrepared(prepareValue(cell(x.sort, xs === 'expected' ? k.expected : k.actual), k.cls, rules), prepareValue(cell(y.sort, ys === 'expected' ? k.expected : k.actual), k.cls, rules));
      if (c !== 0) return c;
    }
    return 0;
  });
  const percentMatched = percentOf(matched, records);
  return {
    kind: 'table-result', name, expected: side(expected, eCols, eGroups, 'expected'), actual: side(actual, aCols, aGroups, 'actual'),
    key: { mode: keys.length > 0 ? 'key' : 'multiset', columns: keys.map((k) => k.name), auto: options.key === 'auto' },
    schema: {
      missingColumns: pairing.pairs.filter((p) => !p.actual).map((p) => p.name), extraColumns: pairing.pairs.filter((p) => !p.expected).map((p) => p.name),
      typeDifferences: [], ignored: pairing.ignored, mapped: pairing.mapped,
    },
    records, matched, changed, missing, extra, duplicateKeys: dupKeys, percentMatched, threshold: options.threshold, passed: percentMatched >= options.threshold,
    columns, samples: diffs.slice(0, options.limit).map((d) => d.record), notes, elapsedMs: Date.now() - started,
  };
}
