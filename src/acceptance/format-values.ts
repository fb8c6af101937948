import { createTwoFilesPatch } from 'diff';
import type { DiffRecord, TableResult } from './table-result';

/** A value as people read it in a report: NULL spelled out, dates in ISO, text as is. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof value === 'object') return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** One CSV field, quoted when it needs to be (RFC 4180); NULL is an empty field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = cellText(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A percentage for the verdict: no decimals when whole, else up to 4 (never rounded up to 100). */
export function formatPercent(p: number): string {
  return Number.isInteger(p) ? String(p) : String(Math.floor(p * 1e4) / 1e4);
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
  return createTwoFilesPatch(`expected ${result.expected.source}`, `actual ${result.actual.source}`, header + lines((s) => s.expected), header + lines((s) => s.actual), '', '', { context: 1 })
    .replace(/^=+\n/, '');
}
