import type { CompareOptions } from './compare-options';
import { BLANKS_NOTE, cellText, formatCount, formatPercent, markBlanks, unifiedDiffOf, verdictLine } from './format-values';
import { percentOf, type SideInfo, type TableResult } from './table-result';

/** Colours the CLI may apply; the default leaves text plain (files, pipes, tests). */
export type Styler = (style: 'red' | 'green' | 'yellow' | 'bold' | 'dim', text: string) => string;
const plain: Styler = (_s, t) => t;

/** Aligned columns, numbers right-aligned (a small twin of the CLI's table, which this module may not import). */
export function alignTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // eslint-disable-next-line no-control-regex -- width must not count colour escapes
  const width = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.min(40, Math.max(width(h), ...rows.map((r) => width(r[i] ?? '')))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+%?$|^$/.test(r[i] ?? '')));
  const cut = (s: string, w: number): string => (width(s) > w ? `${s.slice(0, w - 1)}…` : s);
  const cell = (t: string, i: number): string => {
    const w = widths[i] ?? 0;
    const s = cut(t, w);
    const pad = ' '.repeat(Math.max(0, w - width(s)));
    return numeric[i] ? pad + s : s + pad;
  };
  const line = (r: readonly string[]): string => header.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function indent(text: string, by = '    '): string {
  return text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');
}

function bytesText(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function sideBlock(label: string, s: SideInfo): string {
  const size = s.bytes !== undefined ? `, ${bytesText(s.bytes)}` : '';
  const lines = [`  ${label}: ${s.source}${size}, ${formatCount(s.rows)} rows, ${s.columns.length} columns`];
  lines.push(`    columns: ${s.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`);
  if (s.head.length > 0) {
    const cols = s.columns.map((c) => c.name);
    lines.push(indent(alignTable(cols, s.head.map((r) => cols.map((c) => cellText(r[c]))))));
  }
  return lines.join('\n');
}

/** The rules in effect, for step 5 of the report. */
export function describeRules(options: CompareOptions): string[] {
  const out: string[] = [];
  if (options.trim) out.push('trailing blanks ignored (CHAR padding)');
  if (options.ignoreCase) out.push('text compared case-insensitively');
  if (options.nullEqualsEmpty) out.push('NULL equals empty string');
  const t = options.tolerance;
  if (t.absolute > 0 || t.relative > 0) out.push(`numbers within ${[t.absolute > 0 ? `±${t.absolute}` : '', t.relative > 0 ? `${t.relative} relative` : ''].filter(Boolean).join(' or ')}`);
  for (const [c, ct] of Object.entries(options.columnTolerance)) out.push(`${c} within ${[ct.absolute ? `±${ct.absolute}` : '', ct.relative ? `${ct.relative} relative` : ''].filter(Boolean).join(' or ')}`);
  out.push('numeric text, SQL Server date/datetime text and bit 1/0 compared by value against typed columns');
  return out;
}

/**
 * The human report of one table: the six steps of an acceptance test (load, counts and schema,
 * keys, compare, normalisation, where it fails), ending with the verdict line.
 */
export function renderTextReport(r: TableResult, options: CompareOptions, style: Styler = plain): string {
  const out: string[] = [style('bold', `== ${r.name} ==`)];
  out.push('1. Load', sideBlock('expected', r.expected), sideBlock('actual', r.actual));
  out.push('2. Counts and schema');
  const diff = r.actual.rows - r.expected.rows;
  out.push(`  rows: expected ${formatCount(r.expected.rows)}, actual ${formatCount(r.actual.rows)}${diff === 0 ? ' (same)' : style('yellow', ` (${diff > 0 ? '+' : ''}${formatCount(diff)})`)}`);
  const s = r.schema;
  if (s.missingColumns.length) out.push(style('red', `  columns only in expected (read as NULL in actual): ${s.missingColumns.join(', ')}`));
  if (s.extraColumns.length) out.push(style('red', `  columns only in actual (read as NULL in expected): ${s.extraColumns.join(', ')}`));
  for (const t of s.typeDifferences) out.push(`  type: ${t.column} is ${t.expected} in expected, ${t.actual} in actual (compared as ${t.comparedAs})`);
  if (s.mapped.length) out.push(`  mapped: ${s.mapped.map((m) => `${m.expected} -> ${m.actual}`).join(', ')}`);
  if (s.ignored.length) out.push(`  ignored: ${s.ignored.join(', ')}`);
  if (!s.missingColumns.length && !s.extraColumns.length && !s.typeDifferences.length) out.push('  columns: same names and types');
  out.push('3. Keys');
  if (r.key.mode === 'multiset') out.push('  no key: whole rows compared as a multiset');
  else {
    out.push(`  key: ${r.key.columns.join(', ')}${r.key.auto ? ' (found by --key auto: smallest unique, non-NULL set on both sides)' : ''}`);
    for (const [label, side] of [['expected', r.expected], ['actual', r.actual]] as const) {
      const parts = [`${formatCount(side.nullKeyRows)} rows with a NULL key`, `${formatCount(side.duplicateKeyValues)} duplicated key values (${formatCount(side.duplicateRows)} rows)`];
      const bad = side.nullKeyRows > 0 || side.duplicateKeyValues > 0;
      out.push(bad ? style('yellow', `  ${label}: ${parts.join(', ')}`) : `  ${label}: ${parts.join(', ')}`);
    }
    if (r.duplicateKeys > 0) out.push('  duplicates are paired in a deterministic order (by every value), never dropped');
  }
  out.push('4. Compare');
  out.push(`  identical ${formatCount(r.matched)}, changed ${formatCount(r.changed)}, missing (only in expected) ${formatCount(r.missing)}, extra (only in actual) ${formatCount(r.extra)}`);
  // Without a key no record is paired with another, so no column is told apart: a changed row is a
  // missing and an extra one. Its per-column figures would read 100% however the rows differ.
  const paired = r.key.mode !== 'multiset';
  out.push(indent(alignTable(['column', 'compared as', 'mismatches', 'match %'], r.columns.map((c) => [
    c.status === 'key' ? `${c.name} (key)` : c.status === 'missing' ? `${c.name} (only expected)` : c.status === 'extra' ? `${c.name} (only actual)` : c.expectedName !== c.actualName ? `${c.name} -> ${c.actualName}` : c.name,
    c.comparedAs, paired ? String(c.mismatches) : '-', paired ? `${formatPercent(c.percentMatched)}%` : '-',
  ])), '  '));
  if (!paired) out.push('  per column: - (without a key no record is paired with another; give --key for per-column figures)');
  out.push('5. Normalisation', ...describeRules(options).map((l) => `  ${l}`));
  for (const n of r.notes) out.push(`  note: ${n}`);
  out.push('6. Where it differs');
  if (r.samples.length === 0) out.push('  no differences');
  else {
    out.push(`  first ${r.samples.length} differing records${r.key.mode === 'key' ? ' (by key)' : ''}; * marks differing cells`);
    out.push(indent(renderSamples(r, style), '  '));
    out.push(indent(unifiedDiffOf(r).trimEnd(), '  '));
  }
  const verdict = verdictLine(r);
  out.push(style(r.passed ? 'green' : 'red', verdict));
  return out.join('\n');
}

/** Side-by-side rows of the sample records, differing cells marked with `*`. */
export function renderSamples(r: TableResult, style: Styler = plain): string {
  const first = r.samples.find((x) => x.expected ?? x.actual);
  const cols = Object.keys(first?.expected ?? first?.actual ?? {});
  const rows: string[][] = [];
  let blanks = false;
  for (const sample of r.samples) {
    const mark = (side: Readonly<Record<string, unknown>> | null, c: string): string => {
      if (!side) return '';
      const shown = side[c] === null || side[c] === undefined ? { text: cellText(side[c]), marked: false } : markBlanks(cellText(side[c]));
      blanks ||= shown.marked;
      return sample.differing.includes(c) ? style('red', `*${shown.text}`) : shown.text;
    };
    const times = sample.count > 1 ? ` x${sample.count}` : '';
    rows.push([`${sample.status}${times}`, 'expected', ...cols.map((c) => (sample.expected ? mark(sample.expected, c) : '-'))]);
    rows.push(['', 'actual', ...cols.map((c) => (sample.actual ? mark(sample.actual, c) : '-'))]);
  }
  const table = alignTable(['status', 'side', ...cols], rows);
  return blanks ? `${table}\n${BLANKS_NOTE}` : table;
}

/** The closing line over several tables: totals of every count, passed only if every table passed. */
export function summarizeResults(results: readonly TableResult[]): { records: number; matched: number; changed: number; missing: number; extra: number; duplicateKeys: number; percentMatched: number; passed: boolean } {
  const sum = (f: (t: TableResult) => number): number => results.reduce((a, t) => a + f(t), 0);
  const records = sum((t) => t.records);
  const matched = sum((t) => t.matched);
  const pct = percentOf(matched, records);
  return { records, matched, changed: sum((t) => t.changed), missing: sum((t) => t.missing), extra: sum((t) => t.extra), duplicateKeys: sum((t) => t.duplicateKeys), percentMatched: pct, passed: results.every((t) => t.passed) };
}
