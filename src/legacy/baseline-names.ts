import { assignFileStems } from '../core';

/** `"kpi"."DeviceDailyUsage"` -> `kpi.DeviceDailyUsage`: a DuckDB-quoted table name as people
 * wrote it (case, spaces and brackets' contents kept, quotes undone). */
export function readableTableName(sqlName: string): string {
  return sqlNameParts(sqlName).join('.');
}

/** The parts of a DuckDB-quoted table name (`"kpi"."Device Usage"` -> kpi, Device Usage), quotes undone. */
export function sqlNameParts(sqlName: string): string[] {
  return [...sqlName.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

/** The file name of the `index`-th (0-based) result set of a capture. */
export function resultSetFileName(index: number, ext: string): string {
  return `result-set-${index + 1}.${ext}`;
}

/** The file stem of a capture's OUTPUT parameter values: the name `migrate run` gives the section that sets them (`Then table outputs`). */
export const OUTPUT_PARAMETERS_STEM = 'outputs';

/** An OUTPUT parameter as a column of that file, as manifests and specs name it: `outputs.OrdersCreated` for `@OrdersCreated`. */
export function outputParameterColumn(name: string): string {
  return `${OUTPUT_PARAMETERS_STEM}.${name.replace(/^@/, '')}`;
}

/**
 * The baseline file names of a capture's output tables, parallel to `sqlNames` (DuckDB-quoted):
 * the readable name made a safe, distinct file stem by the rule analyze names its reports with
 * (core's `assignFileStems`: `dbo.Orders` stays `dbo.Orders.csv`; NUL, `/`, `:`, Windows device
 * names, trailing dots get `_` and a hash; two names a case-insensitive file system would
 * confuse get `~2`), never one of the capture's other files (manifest, result sets).
 */
export function baselineFileNames(sqlNames: readonly string[], resultSets: number, ext: string): string[] {
  const reserved = ['manifest', OUTPUT_PARAMETERS_STEM, ...Array.from({ length: resultSets }, (_, i) => resultSetFileName(i, ext).slice(0, -ext.length - 1))];
  return assignFileStems(sqlNames.map(readableTableName), reserved).map((stem) => `${stem}.${ext}`);
}
