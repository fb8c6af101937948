import type { CsvOptions, TableSource } from '../engine';
import type { DiffRecord } from './table-result';

/**
 * The side whose CSV the differences shown suggest reading otherwise: a changed record's
 * differing value of that side `looks` like a misreading of the other side's value, and that
 * side is a CSV not already read that way (`readThatWay`). Expected before actual; undefined when
 * neither. Only ever a hint for the report: the figures stay as compared.
 */
export function misreadCsvSide(
  samples: readonly DiffRecord[], expected: TableSource, actual: TableSource,
  looks: (own: unknown, other: unknown) => boolean, readThatWay: (csv: CsvOptions | undefined) => boolean,
): 'expected' | 'actual' | undefined {
  const sides = new Set<'expected' | 'actual'>();
  for (const s of samples) {
    if (s.status !== 'changed' || s.expected === null || s.actual === null) continue;
    for (const col of s.differing) {
      if (looks(s.expected[col], s.actual[col])) sides.add('expected');
      if (looks(s.actual[col], s.expected[col])) sides.add('actual');
    }
  }
  const readable = (side: 'expected' | 'actual'): boolean => {
    const source = side === 'expected' ? expected : actual;
    return sides.has(side) && source.kind === 'csv' && !readThatWay(source.csv);
  };
  return readable('expected') ? 'expected' : readable('actual') ? 'actual' : undefined;
}
