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
  let manifest: { nonReproducible?: unknown; nonReproducibleCauses?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch {
    return undefined; // not a capture's manifest: nothing to say
  }
  if (!Array.isArray(manifest.nonReproducible)) return undefined;
  const stem = basename(expected.path, extname(expected.path));
  const columns = manifest.nonReproducible.filter((c): c is string => typeof c === 'string' && c.toLowerCase().startsWith(`${stem.toLowerCase()}.`)).map((c) => c.slice(stem.length + 1))
    .filter((c) => !ignored.some((i) => i.toLowerCase() === c.toLowerCase()));
  if (columns.length === 0) return undefined;
  const causes = Array.isArray(manifest.nonReproducibleCauses) ? manifest.nonReproducibleCauses.filter((c): c is string => typeof c === 'string') : [];
  return `the baseline's manifest.json lists ${columns.join(', ')} as not reproducible${causes.length > 0 ? ` (${causes.join('; ')})` : ''}: `
    + 'the capture holds one of the values SQL Server may give, so a match there shows agreement with that value, not with SQL Server; check those columns against a SQL Server capture (--engine mssql) or by hand, or leave them out of the comparison (ignore)';
}
