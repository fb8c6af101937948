import { UsageError } from './errors';

/**
 * The database compatibility levels SQL Server has had (SQL Server 2000's 80 to 2025's 170).
 * A few results of the legacy code depend on the level its database runs at, and nothing in the
 * scripts says which: the number of a truncation error (8152 below 150, 2628 from 150), and how a
 * datetime's 1/300-second ticks convert and compare (rounded to milliseconds below 130, exact
 * from 130). The emulator refuses those results unless the workspace gives the level.
 */
export const COMPATIBILITY_LEVELS: readonly number[] = [80, 90, 100, 110, 120, 130, 140, 150, 160, 170];

/**
 * A compatibility level from a flag or a config value (`what` names it in the message): one of
 * COMPATIBILITY_LEVELS, or undefined when none was given.
 */
export function parseCompatibilityLevel(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!COMPATIBILITY_LEVELS.includes(n)) {
    throw new UsageError('COMPATIBILITY_LEVEL', `${what} ${String(value)} is not a SQL Server compatibility level (expected one of ${COMPATIBILITY_LEVELS.join(', ')})`, {
      hint: 'the legacy database\'s level: SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()',
    });
  }
  return n;
}
