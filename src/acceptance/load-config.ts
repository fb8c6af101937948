import { dirname, resolve } from 'node:path';
import type { Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { AcceptanceError, LineIndex, listFiles, readSourceFile, type ErrorLocation } from '../core';
import type { CsvOptions } from '../engine';
import { resolveCompareOptions, type CompareOptions, type Tolerance } from './compare-options';
import { parseTableSource } from './parse-source';
import type { ComparisonJob } from './run-comparison';

/** The yaml package (~70 modules, ~50 ms of CPU to load), loaded with the first config file:
 * `migrate accept --expected … --actual …` never reads one. */
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof import('yaml');
}
const isMap = (node: unknown): node is YAMLMap => yaml().isMap(node);
const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);
const isSeq = (node: unknown): node is YAMLSeq => yaml().isSeq(node);

/** Option fields allowed at the top of a config (defaults) and in each table. */
const OPTION_FIELDS = ['key', 'ignoreCase', 'trim', 'nullEqualsEmpty', 'tolerance', 'relativeTolerance', 'columnTolerance', 'ignore', 'map', 'threshold', 'limit', 'csv', 'expectedCsv', 'actualCsv', 'allowEmpty', 'mismatches'] as const;
const TABLE_FIELDS = ['name', 'expected', 'actual', ...OPTION_FIELDS] as const;
const CSV_FIELDS = ['delimiter', 'header', 'quote', 'escape', 'nullMarker', 'encoding', 'sampleSize', 'allVarchar', 'decimalSeparator'] as const;

/** A config's fields as found, before defaults: what the CLI flags also produce. */
export interface OptionFields {
  readonly options: Partial<Mutable<CompareOptions>>;
  readonly csv: CsvOptions;
  /** CSV settings of one side only, over `csv` (a legacy SSMS export writes NULL as the text
   * NULL, or is in Windows-1252, while the new pipeline's files are UTF-8 with empty NULLs). */
  readonly expectedCsv?: CsvOptions;
  readonly actualCsv?: CsvOptions;
  readonly allowEmpty?: boolean;
  readonly mismatches?: string;
}
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class ConfigReader {
  private readonly lines: LineIndex;
  constructor(readonly file: string, readonly text: string) {
    this.lines = new LineIndex(text);
  }

  error(node: Node | null | undefined, message: string, hint?: string): AcceptanceError {
    const range = node?.range;
    const location: ErrorLocation = range ? { file: this.file, span: this.lines.spanOf(range[0], range[1]), source: this.text } : { file: this.file };
    return new AcceptanceError('ACCEPT_CONFIG', message, { location, hint });
  }

  map(node: unknown, what: string, fields: readonly string[]): Map<string, { key: Node; value: Node }> {
    if (!isMap(node)) throw this.error(node as Node, `${what} must be a mapping (key: value lines)`);
    const out = new Map<string, { key: Node; value: Node }>();
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '';
      if (!fields.includes(name)) throw this.error(key, `unknown field '${name}' in ${what}`, `known fields: ${fields.join(', ')}`);
      out.set(name, { key, value: pair.value as Node });
    }
    return out;
  }

  string(node: Node, field: string): string {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') throw this.error(node, `${field} must be text`);
    return String(node.value);
  }

  number(node: Node, field: string, min = -Infinity, max = Infinity): number {
    const v = isScalar(node) ? (typeof node.value === 'string' ? Number(node.value) : node.value) : undefined;
    if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max) throw this.error(node, `${field} must be a number${min > -Infinity ? ` from ${min}` : ''}${max < Infinity ? ` to ${max}` : ''}`, `found ${isScalar(node) ? JSON.stringify(node.value) : 'a collection'}`);
    return v;
  }

  bool(node: Node, field: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') throw this.error(node, `${field} must be true or false`);
    return node.value;
  }

  stringList(node: Node, field: string): string[] {
    if (isSeq(node)) return node.items.map((n) => this.string(n as Node, field));
    return this.string(node, field).split(',').map((s) => s.trim()).filter(Boolean);
  }

  stringMap(node: Node, field: string): Record<string, string> {
    const out: Record<string, string> = {};
    if (!isMap(node)) throw this.error(node, `${field} must be a mapping of expected name: actual name`);
    for (const p of node.items) out[this.string(p.key as Node, field)] = this.string(p.value as Node, `${field}.${String((p.key as { value?: unknown }).value)}`);
    return out;
  }
}

function readOptions(r: ConfigReader, fields: Map<string, { key: Node; value: Node }>, inherited: OptionFields): OptionFields {
  const o: Partial<Mutable<CompareOptions>> = { ...inherited.options };
  let csv: CsvOptions = { ...inherited.csv };
  let allowEmpty = inherited.allowEmpty;
  let mismatches = inherited.mismatches;
  const get = (f: string): Node | undefined => fields.get(f)?.value;
  const v = (f: string): Node => get(f) as Node;
  if (get('key')) o.key = isScalar(v('key')) && String((v('key') as { value: unknown }).value).toLowerCase() === 'auto' ? 'auto' : r.stringList(v('key'), 'key');
  if (get('ignoreCase')) o.ignoreCase = r.bool(v('ignoreCase'), 'ignoreCase');
  if (get('trim')) o.trim = r.bool(v('trim'), 'trim');
  if (get('nullEqualsEmpty')) o.nullEqualsEmpty = r.bool(v('nullEqualsEmpty'), 'nullEqualsEmpty');
  const tol: Tolerance = { ...(o.tolerance ?? { absolute: 0, relative: 0 }) };
  if (get('tolerance')) {
    const t = v('tolerance');
    if (isMap(t)) {
      const m = r.map(t, 'tolerance', ['absolute', 'relative']);
      Object.assign(tol, { absolute: m.get('absolute') ? r.number((m.get('absolute') as { value: Node }).value, 'tolerance.absolute', 0) : tol.absolute, relative: m.get('relative') ? r.number((m.get('relative') as { value: Node }).value, 'tolerance.relative', 0) : tol.relative });
    } else Object.assign(tol, { absolute: r.number(t, 'tolerance', 0) });
  }
  if (get('relativeTolerance')) Object.assign(tol, { relative: r.number(v('relativeTolerance'), 'relativeTolerance', 0) });
  o.tolerance = tol;
  if (get('columnTolerance')) {
    const ct: Record<string, Partial<Tolerance>> = { ...(o.columnTolerance ?? {}) };
    const node = v('columnTolerance');
    if (!isMap(node)) throw r.error(node, 'columnTolerance must be a mapping of column: tolerance');
    for (const p of node.items) {
      const col = r.string(p.key as Node, 'columnTolerance');
      const val = p.value as Node;
      if (isMap(val)) {
        const m = r.map(val, `columnTolerance.${col}`, ['absolute', 'relative']);
        const abs = m.get('absolute');
        const rel = m.get('relative');
        ct[col] = { ...(abs ? { absolute: r.number(abs.value, `columnTolerance.${col}.absolute`, 0) } : {}), ...(rel ? { relative: r.number(rel.value, `columnTolerance.${col}.relative`, 0) } : {}) };
      } else ct[col] = { absolute: r.number(val, `columnTolerance.${col}`, 0) };
    }
    o.columnTolerance = ct;
  }
  if (get('ignore')) o.ignore = r.stringList(v('ignore'), 'ignore');
  if (get('map')) o.map = r.stringMap(v('map'), 'map');
  if (get('threshold')) o.threshold = r.number(v('threshold'), 'threshold', 0, 100);
  if (get('limit')) o.limit = r.number(v('limit'), 'limit', 0);
  if (get('allowEmpty')) allowEmpty = r.bool(v('allowEmpty'), 'allowEmpty');
  if (get('mismatches')) mismatches = resolve(dirname(r.file), r.string(v('mismatches'), 'mismatches'));
  if (get('csv')) csv = readCsv(r, v('csv'), 'csv', csv);
  const expectedCsv = get('expectedCsv') ? readCsv(r, v('expectedCsv'), 'expectedCsv', inherited.expectedCsv ?? {}) : inherited.expectedCsv;
  const actualCsv = get('actualCsv') ? readCsv(r, v('actualCsv'), 'actualCsv', inherited.actualCsv ?? {}) : inherited.actualCsv;
  return { options: o, csv, ...(expectedCsv ? { expectedCsv } : {}), ...(actualCsv ? { actualCsv } : {}), allowEmpty, mismatches };
}

/** A `csv:` mapping (or one side's `expectedCsv:` / `actualCsv:`) over the settings it inherits. */
function readCsv(r: ConfigReader, node: Node, field: string, inherited: CsvOptions): CsvOptions {
  const m = r.map(node, field, CSV_FIELDS);
  const c: Record<string, unknown> = { ...inherited };
  for (const [name, { value }] of m) {
    if (name === 'header' || name === 'allVarchar') c[name] = r.bool(value, `${field}.${name}`);
    else if (name === 'sampleSize') c[name] = r.number(value, `${field}.sampleSize`, -1);
    else c[name] = r.string(value, `${field}.${name}`);
  }
  return c as CsvOptions;
}

/** The CSV settings of one side: the shared ones with that side's own over them. */
export function sideCsv(fields: OptionFields, side: 'expected' | 'actual'): CsvOptions {
  const own = side === 'expected' ? fields.expectedCsv : fields.actualCsv;
  return own === undefined ? fields.csv : { ...fields.csv, ...own };
}

/**
 * Reads an acceptance config (YAML): options at the top apply to every table; `tables:` lists
 * the comparisons (or `expected:`/`actual:` at the top make it a one-table config). Relative
 * paths resolve against the config's folder. Every problem is an AcceptanceError at the
 * offending node's file:line:col, naming the field and what it must be.
 */
export function loadAcceptanceConfig(file: string, base: OptionFields = { options: {}, csv: {} }): ComparisonJob[] {
  const { text } = readSourceFile(file);
  const r = new ConfigReader(file, text);
  const doc = yaml().parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const [start, end] = problem.pos;
    throw new AcceptanceError('ACCEPT_CONFIG', `invalid YAML: ${problem.message.split('\n')[0]}`, { location: { file, span: new LineIndex(text).spanOf(start, end), source: text } });
  }
  const top = r.map(doc.contents, 'the config', TABLE_FIELDS.concat(['tables'] as never));
  const defaults = readOptions(r, top, base);
  const dir = dirname(file);
  const tableNodes: { node: Node; fields: Map<string, { key: Node; value: Node }> }[] = [];
  const tables = top.get('tables');
  if (tables) {
    if (top.get('expected') || top.get('actual')) throw r.error(top.get('expected')?.key ?? top.get('actual')?.key, 'expected/actual belong inside each entry of tables:, not next to it');
    if (!isSeq(tables.value) || tables.value.items.length === 0) throw r.error(tables.value ?? tables.key, 'tables must be a non-empty list of tables (- name: …, expected: …, actual: …)');
    for (const item of tables.value.items) tableNodes.push({ node: item as Node, fields: r.map(item, 'a table', TABLE_FIELDS) });
  } else {
    tableNodes.push({ node: doc.contents as Node, fields: top });
  }
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  return tableNodes.map(({ node, fields }, i) => {
    const own = tables ? readOptions(r, fields, defaults) : defaults;
    for (const side of ['expected', 'actual'] as const) {
      if (!fields.get(side)) throw r.error(node, `table ${i + 1} has no '${side}' input`, `add ${side}: path/to/file.csv (or .parquet, db.duckdb#table, sql:SELECT …)`);
    }
    const source = (side: 'expected' | 'actual') => {
      const n = (fields.get(side) as { value: Node }).value;
      try {
        return parseTableSource(r.string(n, side), sideCsv(own, side), dir);
      } catch (err) {
        throw err instanceof AcceptanceError ? r.error(n, err.message, err.hint) : err;
      }
    };
    const name = fields.get('name') ? r.string((fields.get('name') as { value: Node }).value, 'name') : tableNodes.length > 1 ? `${stem}#${i + 1}` : stem;
    const job: ComparisonJob = {
      kind: 'comparison-job', name, expected: source('expected'), actual: source('actual'),
      options: resolveCompareOptions(own.options), origin: file,
      ...(own.allowEmpty !== undefined ? { allowEmpty: own.allowEmpty } : {}),
      ...(own.mismatches !== undefined ? { mismatchesPath: tableNodes.length > 1 ? own.mismatches.replace(/(\.csv)?$/i, `.${name.replace(/[^\w.-]+/g, '_')}.csv`) : own.mismatches } : {}),
    };
    return job;
  });
}

/** Expands config files and folders (every .yaml/.yml inside, sorted) into jobs. */
export function loadAcceptanceConfigs(paths: readonly string[], base?: OptionFields): ComparisonJob[] {
  const files = listFiles(paths, ['.yaml', '.yml']);
  if (files.length === 0) {
    throw new AcceptanceError('ACCEPT_NO_CONFIG', `no acceptance configs (.yaml) in ${paths.join(', ')}`, { hint: 'write acceptance/<name>.yaml with expected:, actual: and key:, or pass --expected/--actual' });
  }
  return files.flatMap((f) => loadAcceptanceConfig(f, base));
}
