import { UsageError } from './errors';

/**
 * The SQL Server release the legacy database runs on, by its year. A few results depend on the
 * release rather than on the database's compatibility level: ERROR_PROCEDURE() gives
 * `schema_name.procedure_name` from SQL Server 2017 and the procedure's name alone on 2016 (its
 * reference page). A compatibility level of 140 or more exists only from 2017, so it says the
 * same; below that, only the release stated here does.
 */
export const SERVER_VERSIONS: readonly number[] = [2005, 2008, 2012, 2014, 2016, 2017, 2019, 2022, 2025];

/** A release from a flag or a config value (`what` names it in the message): one of SERVER_VERSIONS, or undefined when none was given. */
export function parseServerVersion(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN;
  if (!SERVER_VERSIONS.includes(n)) {
    throw new UsageError('SERVER_VERSION', `${what} ${String(value)} is not a SQL Server release (expected one of ${SERVER_VERSIONS.join(', ')}; 2008 R2 is 2008)`, {
      hint: 'the legacy server\'s: SELECT SERVERPROPERTY(\'ProductMajorVersion\') (13 is 2016, 14 is 2017, 15 is 2019, 16 is 2022)',
    });
  }
  return n;
}
