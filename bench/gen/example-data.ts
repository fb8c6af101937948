/**
 * Example data for this repository's legacy procedures: deterministic generators (seeded
 * mulberry32, no Math.random, no clock) and a CSV writer. `acceptance/example/data/` was
 * written by {@link writeExampleData} with the options in EXAMPLE_DATA_OPTIONS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv, type TableRows } from './table-rows';
import { generateTelemetryData, TELEMETRY_COLUMNS, type TelemetryOptions } from './telemetry-data';
import { generateWordBagData, WORDBAG_COLUMNS, type WordBagOptions } from './wordbag-data';

export { generateTelemetryData, telemetryDateRange, TELEMETRY_COLUMNS, type TelemetryOptions } from './telemetry-data';
export { generateWordBagData, WORDBAG_COLUMNS, type WordBagOptions } from './wordbag-data';
export { formatCsv, type CellValue, type DataRow, type TableRows } from './table-rows';
export { createRandom, type Random } from './prng';

/** The options the committed acceptance/example/data set was generated with. */
export const EXAMPLE_DATA_OPTIONS: { readonly telemetry: TelemetryOptions; readonly wordBag: WordBagOptions } = {
  telemetry: { devices: 8, days: 6, seed: 20261122, startDate: '2026-03-02' },
  wordBag: { entities: 12, wordsPerEntity: 6, seed: 20261122 },
};

/** Every input table the example procedures read, with its column order. */
export const EXAMPLE_COLUMNS: Readonly<Record<string, readonly string[]>> = { ...TELEMETRY_COLUMNS, ...WORDBAG_COLUMNS };

/** Both generators' tables for the given options, merged into one map by table name. */
export function generateExampleData(options = EXAMPLE_DATA_OPTIONS): TableRows {
  return { ...generateTelemetryData(options.telemetry), ...generateWordBagData(options.wordBag) };
}

/**
 * Writes one `<schema.Table>.csv` per table into `dir` (created if needed) and returns the
 * paths written, in table-name order.
 */
export function writeExampleData(dir: string, tables: TableRows = generateExampleData()): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(tables).sort()) {
    const columns = EXAMPLE_COLUMNS[name] ?? Object.keys(tables[name]?.[0] ?? {});
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, formatCsv(columns, tables[name] ?? []));
    written.push(path);
  }
  return written;
}
