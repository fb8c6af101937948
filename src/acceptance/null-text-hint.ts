import type { TableSource } from '../engine';
import { misreadCsvSide } from './csv-side-hint';
import type { DiffRecord } from './table-result';

/**
 * A note when the differences shown look like one CSV writing NULL as the text `NULL` (what
 * SQL Server Management Studio's "Save Results As" and bcp's character mode do) where the other
 * side has a real NULL: the values are the same, the reading is not. Only a hint, never a change
 * of the figures: the text `NULL` may be a value in its own right.
 */
export function nullTextNote(samples: readonly DiffRecord[], expected: TableSource, actual: TableSource): string | undefined {
  const side = misreadCsvSide(samples, expected, actual, (own, other) => own === 'NULL' && (other === null || other === undefined), (csv) => csv?.nullMarker === 'NULL');
  if (side === undefined) return undefined;
  const other = side === 'expected' ? 'actual' : 'expected';
  return `the ${side} file writes the text NULL where the ${other} side has a NULL (an SSMS or bcp export writes NULL so): `
    + `if it means NULL there, read that file with --${side}-null-marker NULL (${side}Csv: {nullMarker: NULL} in a config)`;
}
