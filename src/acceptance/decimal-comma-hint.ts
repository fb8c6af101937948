import type { TableSource } from '../engine';
import type { DiffRecord } from './table-result';

/** Number text with a decimal comma and no other mark: `1234,56`, `-0,5`. */
const COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/**
 * A note when the differences shown look like one CSV writing its numbers with a decimal comma
 * (an export made under a German, French or Dutch locale: `1234,56`) where the other side has the
 * same number with a point: read as text, `0,5` can never equal `0.5`. Only a hint, never a
 * change of the figures: the file may really hold such text.
 */
export function decimalCommaNote(samples: readonly DiffRecord[], expected: TableSource, actual: TableSource): string | undefined {
  const sides = new Set<'expected' | 'actual'>();
  const sameNumber = (comma: unknown, other: unknown): boolean =>
    typeof comma === 'string' && COMMA_NUMBER.test(comma.trim()) && other !== null && other !== undefined && other !== ''
      && Number(comma.trim().replace(',', '.')) === Number(String(other).trim());
  for (const s of samples) {
    if (s.status !== 'changed' || s.expected === null || s.actual === null) continue;
    for (const col of s.differing) {
      if (sameNumber(s.expected[col], s.actual[col])) sides.add('expected');
      if (sameNumber(s.actual[col], s.expected[col])) sides.add('actual');
    }
  }
  const readable = (side: 'expected' | 'actual'): boolean => {
    const source = side === 'expected' ? expected : actual;
    return sides.has(side) && source.kind === 'csv' && source.csv?.decimalSeparator !== ',';
  };
  const side = readable('expected') ? 'expected' : readable('actual') ? 'actual' : undefined;
  if (side === undefined) return undefined;
  return `the ${side} file writes numbers with a decimal comma (1234,56, as a European-locale export does), so they were read as text: `
    + `read that file with --${side}-decimal-comma (${side}Csv: {decimalSeparator: ','} in a config)`;
}
