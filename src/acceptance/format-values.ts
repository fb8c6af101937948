import type { DiffRecord, TableResult } from './table-result';

/** A value as people read it in a report: NULL spelled out, dates in ISO, text as is. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof value === 'object') return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** Markers for blanks at the ends of a value, which no table shows otherwise. */
const BLANK_MARKS: Readonly<Record<string, string>> = { ' ': '·', '\t': '⇥' };
/** Any other blank (NBSP, ideographic space, …) and line breaks. */
const OTHER_BLANK = '⍽';

/** The note a report prints under values `markBlanks` changed. */
export const BLANKS_NOTE = "· marks a blank (space) at the start or end of a value, ⇥ a tab, ⍽ another blank character (NBSP, line break); '' is an empty string, 'NULL' the text NULL (as an SSMS export writes a NULL), not a NULL";

/**
 * A value's text with its leading and trailing blanks made visible (`'ab  '` -> `ab··`), an
 * empty string shown as `''` (not as nothing, which reads like NULL) and the text NULL as
 * `'NULL'`: two values that differ only there then look different in a side-by-side view. `marked` says whether anything was
 * replaced, so the report can explain the markers once.
 */
export function markBlanks(text: string): { readonly text: string; readonly marked: boolean } {
  if (text === '') return { text: "''", marked: true };
  // The text NULL would read as a NULL: quoted, like the empty string.
  if (/^null$/i.test(text)) return { text: `'${text}'`, marked: true };
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) as RegExpExecArray;
  const lead = m[1] as string;
  const tail = m[3] as string;
  if (lead === '' && tail === '') return { text, marked: false };
  const mark = (blanks: string): string => [...blanks].map((c) => BLANK_MARKS[c] ?? OTHER_BLANK).join('');
  return { text: `${mark(lead)}${m[2] as string}${mark(tail)}`, marked: true };
}

/** One CSV field, quoted when it needs to be (RFC 4180); NULL is an empty field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = cellText(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A percentage as every report prints it (text, HTML, JUnit, status): a whole number without
 * decimals (`100`, `0`), anything else with exactly 4 decimals, truncated (`92.3076`,
 * `50.5000`, `99.9999`), never rounded up and never `100` below 100. A value from `percentOf`
 * (a whole number of 1/10,000ths) prints as that same figure; the float noise of multiplying
 * it back (92.3076 x 10,000 = 923075.99…) is not taken for a lower value.
 */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p < 0) return `-${formatPercent(-p)}`;
  const scaled = p * 1e4;
  const near = Math.round(scaled);
  let units = Math.abs(scaled - near) < 1e-11 * Math.max(1, scaled) ? near : Math.floor(scaled);
  if (units >= 1_000_000 && p < 100) units = 999_999;
  const whole = Math.floor(units / 1e4);
  const frac = units % 1e4;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(4, '0')}`;
}

/** Thousands separators, for counts people read. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The verdict line the report ends with (DESIGN.md contract): `Test Passed. N records tested.
 * Percentage Matched: P%`, or `Test Failed. N records tested. <counts>. Percentage Matched: P%`.
 */
export function verdictLine(t: { readonly records: number; readonly matched: number; readonly changed: number; readonly missing: number; readonly extra: number; readonly duplicateKeys: number; readonly percentMatched: number; readonly passed: boolean }): string {
  const pct = `Percentage Matched: ${formatPercent(t.percentMatched)}%`;
  if (t.passed) return `Test Passed. ${t.records} records tested. ${pct}`;
  const dup = t.duplicateKeys > 0 ? `, ${t.duplicateKeys} duplicate keys` : '';
  return `Test Failed. ${t.records} records tested. ${t.matched} matched, ${t.changed} changed, ${t.missing} missing, ${t.extra} extra${dup}. ${pct}`;
}

/** The header of the CSV lines shown in diffs: every column of the records, key first. */
export function diffColumns(result: TableResult): string[] {
  const first = result.samples.find((s) => s.expected ?? s.actual);
  const row = first?.expected ?? first?.actual;
  return row ? Object.keys(row) : [];
}

/**
 * A unified diff (jsdiff) of the sample records as sorted CSV lines, expected against actual.
 * Only the first K differing records go in, so jsdiff's quadratic cost never matters.
 */
export function unifiedDiffOf(result: TableResult): string {
  const cols = diffColumns(result);
  if (cols.length === 0) return '';
  const line = (r: Readonly<Record<string, unknown>>): string => cols.map((c) => csvField(r[c])).join(',');
  const lines = (pick: (s: DiffRecord) => Readonly<Record<string, unknown>> | null): string =>
    result.samples.flatMap((s) => {
      const r = pick(s);
      return r ? Array.from({ length: Math.min(s.count, 3) }, () => line(r)) : [];
    }).map((l) => `${l}\n`).join('');
  const header = `${cols.join(',')}\n`;
  // diff (~20 modules) is loaded only when a report shows a unified diff, never for --json
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('diff') as typeof import('diff')).createTwoFilesPatch(`expected ${result.expected.source}`, `actual ${result.actual.source}`, header + lines((s) => s.expected), header + lines((s) => s.actual), '', '', { context: 1 })
    .replace(/^=+\n/, '');
}
