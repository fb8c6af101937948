import type { Expression } from '../../../tsql';
import type { SqlFragment, SqlTranslator } from '../expressions';
import { quoteLiteral } from '../../../engine';

/*
 * The Windows time zones `x AT TIME ZONE 'W. Europe Standard Time'` is emulated for. SQL Server
 * reads a zone's offsets from the Windows registry; DuckDB's ICU has the IANA rules. A Windows
 * zone is listed here with the IANA zone whose rules match it, and only for the instants where
 * both rule sets agree for sure: the daylight-saving rules of every listed zone have been the
 * same in both since before 2010 (EU: last Sunday of March and October at 01:00 UTC since 1996;
 * US: second Sunday of March and first of November since 2007; New South Wales: first Sunday of
 * October and April since 2008; the others keep one offset). Before 2010 Windows' registry
 * holds fewer historical rules than IANA's (China's 1986-91 summer time, Singapore's +07:30
 * before 1982, …), and after 2037 neither is settled, so an instant outside 2010-01-01 through
 * 2037-12-31 (UTC) is refused where it is met. FLE Standard Time starts in 2012: Ukraine, one
 * of its countries, voted to drop summer time in 2011 and took that back. E. Europe Standard
 * Time (Chisinau) is not listed: Moldova changes its clocks at 02:00/03:00 local time, not at
 * 01:00 UTC, and which rule Windows holds for it has not been checked.
 */

/** One supported Windows zone: its IANA equivalent and the UTC instants [from, to) it is emulated for. */
interface WindowsZone {
  readonly name: string;
  readonly iana: string;
  readonly from: string;
  readonly to: string;
}

const FROM_2010 = '2010-01-01 00:00:00';
const TO_2038 = '2038-01-01 00:00:00';

const zone = (name: string, iana: string, from = FROM_2010): WindowsZone => ({ name, iana, from, to: TO_2038 });

/** The supported zones, by the name sys.time_zone_info gives them. */
export const WINDOWS_ZONES: readonly WindowsZone[] = [
  zone('GMT Standard Time', 'Europe/London'),
  zone('W. Europe Standard Time', 'Europe/Berlin'),
  zone('Central Europe Standard Time', 'Europe/Budapest'),
  zone('Central European Standard Time', 'Europe/Warsaw'),
  zone('Romance Standard Time', 'Europe/Paris'),
  zone('FLE Standard Time', 'Europe/Helsinki', '2012-01-01 00:00:00'),
  zone('Eastern Standard Time', 'America/New_York'),
  zone('Central Standard Time', 'America/Chicago'),
  zone('Mountain Standard Time', 'America/Denver'),
  zone('Pacific Standard Time', 'America/Los_Angeles'),
  zone('US Mountain Standard Time', 'America/Phoenix'),
  zone('AUS Eastern Standard Time', 'Australia/Sydney'),
  zone('Tokyo Standard Time', 'Asia/Tokyo'),
  zone('India Standard Time', 'Asia/Kolkata'),
  zone('China Standard Time', 'Asia/Shanghai'),
  zone('Singapore Standard Time', 'Asia/Singapore'),
];

/** What a refusal of a zone says is supported. */
export const SUPPORTED_ZONES = `'UTC' and ${WINDOWS_ZONES.map((z) => `'${z.name}'`).join(', ')}, for instants from 2010 through 2037 (FLE Standard Time from 2012)`;

/**
 * DuckDB macros of the zone arithmetic (tsql-macros.ts installs them):
 * - tsql_zone_offset(z, u): the offset in minutes of IANA zone z at the instant u;
 * - tsql_zone_instant(z, l): the instant of the local time l of zone z, l given as a
 *   TIMESTAMPTZ read at UTC. SQL Server's rule (the AT TIME ZONE page): a local time in the
 *   spring-forward gap is converted with the offset before the change (02:01 in Berlin on the
 *   last Sunday of March is 01:01 UTC, shown as 03:01 +02:00); one in the fall-back overlap is
 *   the first of the two, at the offset before the change (02:01 on the last Sunday of October
 *   is 02:01 +02:00). With `before` and `after` the offsets a day either side, and the change at
 *   the UTC instant T, both cases read: the offset before applies where l < T + greatest(before,
 *   after), i.e. where the offset at l - greatest(…) is still `before`. (DuckDB's own
 *   timezone(z, TIMESTAMP) takes the later of the two in an overlap, so it is not used.) No two
 *   changes of a listed zone are within 26 hours of one another (at least 126 days apart).
 */
export const ZONE_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO tsql_zone_offset(z, u) AS CAST(round((epoch(timezone(z, u)) - epoch(timezone('UTC', u))) / 60) AS INTEGER)`,
  `CREATE OR REPLACE MACRO tsql_zone_pick(z, l, before, after) AS l - to_minutes(CAST(CASE WHEN tsql_zone_offset(z, l - to_minutes(CAST(greatest(before, after) AS BIGINT))) = before THEN before ELSE after END AS BIGINT))`,
  // (list_transform over one element binds the value once: macros expand their arguments at
  // every use, and the nested uses here would grow the SQL exponentially)
  `CREATE OR REPLACE MACRO tsql_zone_instant(z, l) AS list_transform([l], x -> tsql_zone_pick(z, x, tsql_zone_offset(z, x - INTERVAL 26 HOUR), tsql_zone_offset(z, x + INTERVAL 26 HOUR)))[1]`,
  // the datetimeoffset at the instant u in zone z (offset-values.ts's struct), refused outside [lo, hi)
  `CREATE OR REPLACE MACRO tsql_zone_value(z, u, lo, hi, msg) AS list_transform([u], x -> CASE WHEN z IS NULL OR x IS NULL THEN NULL WHEN x < lo OR x >= hi THEN error(msg) ELSE struct_pack(utc := x, tz := CAST(tsql_zone_offset(z, x) AS SMALLINT)) END)[1]`,
];

/** The zone a name stands for (SQL Server compares zone names case-insensitively), or undefined. */
export function windowsZone(name: string): WindowsZone | undefined {
  const key = name.toLowerCase();
  return WINDOWS_ZONES.find((z) => z.name.toLowerCase() === key);
}

/** The refusal of an instant outside a zone's range, as DuckDB's error() raises it where it is met. */
function outOfRange(z: WindowsZone): string {
  return `the emulator does not support AT TIME ZONE '${z.name}' at an instant before ${z.from.slice(0, 10)} or from ${z.to.slice(0, 10)} (UTC): Windows' and IANA's rules of that zone are only known to agree from ${z.from.slice(0, 4)} through ${Number(z.to.slice(0, 4)) - 1}`;
}

const instant = (at: string): string => `TIMESTAMPTZ '${at}+00'`;

/** SQL of the IANA zone, the range [from, to) and the message refusing an instant outside it (tsql_zone_value's arguments). */
export interface ZoneSql {
  readonly iana: string;
  readonly from: string;
  readonly to: string;
  readonly outOfRange: string;
}

/**
 * The zone expression as SQL: a literal (`name`) is looked up now and refused, located, when it
 * is not listed; a variable or column is looked up per row, a name not listed then refused
 * where it is met (zone names compare case-insensitively; 'UTC' holds every instant).
 */
export function zoneSql(t: SqlTranslator, node: Expression, zone: SqlFragment, name: string | null | undefined): ZoneSql {
  if (name === null) throw t.state.unsupported(node, 'AT TIME ZONE NULL (what SQL Server does with it is not reproduced)');
  if (name !== undefined) {
    const z = windowsZone(name);
    if (z === undefined) throw t.state.unsupported(node, `AT TIME ZONE '${name}': the time zones emulated are ${SUPPORTED_ZONES} (their Windows rules agree with DuckDB's IANA ones there); capture from SQL Server, or convert with SWITCHOFFSET(…, '+hh:mm') where the offset is known`);
    return { iana: quoteLiteral(z.iana), from: instant(z.from), to: instant(z.to), outOfRange: quoteLiteral(outOfRange(z)) };
  }
  const key = `lower(CAST(${zone.sql} AS VARCHAR))`;
  const unknown = `error('the emulator does not support AT TIME ZONE ''' || coalesce(CAST(${zone.sql} AS VARCHAR), 'NULL') || ''': the time zones emulated are ${SUPPORTED_ZONES.replace(/'/g, "''")}')`;
  const byZone = (utc: string, pick: (z: WindowsZone) => string): string => `(CASE ${key} WHEN 'utc' THEN ${utc} ${WINDOWS_ZONES.map((z) => `WHEN ${quoteLiteral(z.name.toLowerCase())} THEN ${pick(z)}`).join(' ')} ELSE ${unknown} END)`;
  return {
    iana: byZone("'UTC'", (z) => quoteLiteral(z.iana)),
    from: byZone(instant('0001-01-01 00:00:00'), (z) => instant(z.from)),
    to: byZone("'infinity'::TIMESTAMPTZ", (z) => instant(z.to)),
    outOfRange: byZone("''", (z) => quoteLiteral(outOfRange(z))),
  };
}
