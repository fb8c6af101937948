import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { TableSource } from '../engine';

/**
 * A note when the expected file is a `migrate capture` baseline whose manifest.json lists
 * columns of it as not reproducible (values SQL Server takes in its plan's order: the spelling
 * a case-insensitive GROUP BY shows, RAND()/NEWID(), identity values numbered without ORDER BY).
 * The emulator wrote one of the values SQL Server may give: a match on such a column shows that
 * the new code agrees with that pick, not that it agrees with SQL Server. Only a note: the
 * figures stay as compared. Columns the comparison leaves out (`ignore`, expected-side names)
 * need no note: an audit table's identity numbered in the plan's order is listed alone, so
 * `ignore: [AuditId]` compares the rest.
 */
export function nonReproducibleNote(expected: TableSource, ignored: readonly string[] = []): string | undefined {
  if (expected.kind !== 'csv' && expected.kind !== 'parquet') return undefined;
  const manifestPath = join(dirname(expected.path), 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  let manifest: ManifestCauses & { nonReproducible?: unknown; tables?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch {
    return undefined; // not a capture's manifest: nothing to say
  }
  if (!Array.isArray(manifest.nonReproducible)) return undefined;
  // The manifest names a column by its table as the CREATE TABLE writes it (`dbo.Dim Customer.SK`);
  // the file stem is that name only where the name is a safe file name (`Ops.[Stock: Count]` is
  // stored as `Ops.Stock_ Count~375bb097.csv`), so the table is found by its file first.
  const file = basename(expected.path);
  const listed = Array.isArray(manifest.tables)
    ? (manifest.tables as unknown[]).find((t): t is { file: string; displayName: string } => typeof t === 'object' && t !== null && (t as { file?: unknown }).file === file && typeof (t as { displayName?: unknown }).displayName === 'string')
    : undefined;
  const table = listed?.displayName ?? basename(expected.path, extname(expected.path));
  const columns = columnsListedFor(manifest.nonReproducible.filter((c): c is string => typeof c === 'string'), table)
    .filter((c) => !ignored.some((i) => i.toLowerCase() === c.toLowerCase()));
  if (columns.length === 0) return undefined;
  const causes = causesListedFor(manifest, table, columns);
  return `the baseline's manifest.json lists ${columns.join(', ')} as not reproducible${causes.length > 0 ? ` (${causes.join('; ')})` : ''}: `
    + 'the capture holds one of the values SQL Server may give, so a match there shows agreement with that value, not with SQL Server; check those columns against a SQL Server capture (--engine mssql) or by hand, or leave them out of the comparison (ignore)';
}

/**
 * The columns of `table` (as a capture's manifest names it: `dbo.Dim Customer`, the table's
 * `displayName`) among a manifest's `nonReproducible` entries (`dbo.Dim Customer.Customer SK`),
 * as written there; names compare case-insensitively, as SQL Server's do.
 */
export function columnsListedFor(nonReproducible: readonly string[], table: string): string[] {
  const prefix = `${table.toLowerCase()}.`;
  return nonReproducible.filter((c) => c.toLowerCase().startsWith(prefix)).map((c) => c.slice(prefix.length));
}

/** What a capture's manifest.json says of why columns are not reproducible (read loosely: a file people may edit). */
export interface ManifestCauses {
  readonly nonReproducibleCauses?: unknown;
  readonly nonReproducibleColumnCauses?: unknown;
}

/**
 * The causes behind `columns` of `table` (as columnsListedFor gives them): the manifest's per-column
 * causes where it has them (a summary table's column then cites its own GROUP BY, not a report's
 * STRING_AGG), else every cause of the capture.
 */
export function causesListedFor(manifest: ManifestCauses, table: string, columns: readonly string[]): string[] {
  const all = Array.isArray(manifest.nonReproducibleCauses) ? manifest.nonReproducibleCauses.filter((c): c is string => typeof c === 'string') : [];
  const per = manifest.nonReproducibleColumnCauses;
  if (typeof per !== 'object' || per === null || Array.isArray(per)) return all;
  const byName = new Map(Object.entries(per as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const out: string[] = [];
  for (const c of columns) {
    const listed = byName.get(`${table}.${c}`.toLowerCase());
    if (!Array.isArray(listed)) return all;
    for (const cause of listed) if (typeof cause === 'string' && !out.includes(cause)) out.push(cause);
  }
  return out.length > 0 ? out : all;
}
