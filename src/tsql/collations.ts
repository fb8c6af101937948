/**
 * Whether text compared under `collation` compares as SQL Server's usual default collation
 * (SQL_Latin1_General_CP1_CI_AS) does, which is how the emulator and the drafts compare all text:
 * case-insensitive, accent-sensitive, trailing blanks ignored. That is a collation whose name
 * says CI_AS and not BIN (with or without a version, KS, WS, SC or UTF8 part), and
 * DATABASE_DEFAULT / CATALOG_DEFAULT.
 */
export function comparesAsDefault(collation: string): boolean {
  const name = collation.replace(/^\[|\]$/g, '').toUpperCase();
  if (name === 'DATABASE_DEFAULT' || name === 'CATALOG_DEFAULT') return true;
  return /_CI_AS(_|$)/.test(name) && !/_BIN2?(_|$)/.test(name);
}

/** Why text under `collation` (case- or accent-sensitive, binary) cannot be compared the default way. */
export function collationReason(collation: string): string {
  const kind = /_BIN2?(_|$)/i.test(collation) ? 'binary' : 'case- or accent-sensitive';
  return `text is compared only as the default case-insensitive, accent-sensitive collation; a ${kind} comparison can give another result`;
}
