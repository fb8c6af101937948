import type { TableSource } from '../engine';
import { misreadCsvSide } from './csv-side-hint';
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
  const sameNumber = (comma: unknown, other: unknown): boolean =>
    typeof comma === 'string' && COMMA_NUMBER.test(comma.trim()) && other !== null && other !== undefined && other !== ''
      && Number(comma.trim().replace(',', '.')) === Number(String(other).trim());
  const side = misreadCsvSide(samples, expected, actual, sameNumber, (csv) => csv?.decimalSeparator === ',');
  if (side === undefined) return undefined;
  return `the ${side} file writes numbers with a decimal comma (1234,56, as a European-locale export does), so they were read as text: `
    + `read that file with --${side}-decimal-comma (${side}Csv: {decimalSeparator: ','} in a config)`;
}
