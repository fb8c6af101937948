/**
 * SQL Server's reading of date/time text (CAST, assignment, comparison with a date column):
 * every string literal format its documentation lists for date, datetime, datetime2,
 * smalldatetime, datetimeoffset and time under us_english, with SET DATEFORMAT honoured, the
 * range of each type, and datetime's rounding to 1/300 s and smalldatetime's to the minute.
 */

/** SET DATEFORMAT orders. */
export type DateFormat = 'mdy' | 'dmy' | 'ymd' | 'ydm' | 'myd' | 'dym';

/** The date/time types SQL Server converts text to. */
export type DateTimeTarget = 'date' | 'datetime' | 'smalldatetime' | 'datetime2' | 'datetimeoffset' | 'time';

/** A point in time read from text, before the target type's range and rounding apply. */
export interface DateTimeValue {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Nanoseconds since midnight. */
  readonly nanos: bigint;
  /** Offset from UTC in minutes, when the text gave one. */
  readonly offset: number | undefined;
}

/** Why a text is not a value of the target type: SQL Server's error number and message. */
export interface DateTimeFailure {
  readonly number: 241 | 242;
  readonly message: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_SECOND;

const CONVERSION: DateTimeFailure = { number: 241, message: 'Conversion failed when converting date and/or time from character string.' };

function outOfRange(target: DateTimeTarget): DateTimeFailure {
  return { number: 242, message: `The conversion of a varchar data type to a ${target} data type resulted in an out-of-range value.` };
}

/** Two-digit years: SQL Server's default cutoff 2049 (00-49 -> 20xx, 50-99 -> 19xx). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = FULL_MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  const short = MONTHS.indexOf(w);
  return short >= 0 ? short + 1 : undefined;
}

/** Reads the time part: `hh:mm[:ss[.f…|:mmm]] [AM|PM]`, `hh AM`, an optional offset. */
function readTime(text: string, target: DateTimeTarget): { nanos: bigint; offset: number | undefined } | undefined {
  let t = text.trim();
  let offset: number | undefined;
  const off = /(?:\s*(Z)|\s*([+-])(\d{1,2}):(\d{2}))$/i.exec(t);
  if (off !== null) {
    offset = off[1] !== undefined ? 0 : (off[2] === '-' ? -1 : 1) * (Number(off[3]) * 60 + Number(off[4]));
    t = t.slice(0, off.index).trim();
  }
  if (t === '') return { nanos: 0n, offset };
  const m = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:([.:])(\d+))?)?)?\s*(AM|PM)?$/i.exec(t);
  if (m === null || (m[2] === undefined && m[6] === undefined)) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const ampm = m[6]?.toUpperCase();
  if (ampm !== undefined) {
    if (hour > 12) return undefined;
    if (ampm === 'AM' && hour === 12) hour = 0;
    if (ampm === 'PM' && hour < 12) hour += 12;
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let frac = 0n;
  if (m[5] !== undefined) {
    // `:mmm` is thousandths of a second; `.f…` is a decimal fraction (datetime takes at most 3 digits).
    if (m[4] === ':') {
      if (m[5].length > 3) return undefined;
      frac = BigInt(m[5]) * 1_000_000n;
    } else {
      const maxDigits = target === 'datetime' || target === 'smalldatetime' ? 3 : 7;
      if (m[5].length > maxDigits) return undefined;
      frac = BigInt(m[5].padEnd(9, '0'));
    }
  }
  return { nanos: (BigInt(hour) * 3600n + BigInt(minute) * 60n + BigInt(second)) * NS_PER_SECOND + frac, offset };
}

/** Orders day/month/year numbers by SET DATEFORMAT. */
function byFormat(a: string, b: string, c: string, format: DateFormat): [string, string, string] {
  const map: Record<DateFormat, [number, number, number]> = { mdy: [2, 0, 1], dmy: [2, 1, 0], ymd: [0, 1, 2], ydm: [0, 2, 1], myd: [1, 0, 2], dym: [1, 2, 0] };
  const [y, mo, d] = map[format];
  const parts = [a, b, c];
  return [parts[y] ?? '', parts[mo] ?? '', parts[d] ?? ''];
}

/** Splits `date[ T]time` where the date part is the numeric or alphabetic date. */
function readDate(text: string, target: DateTimeTarget, format: DateFormat): { y: string; mo: string | number; d: string; rest: string; iso: boolean } | undefined {
  // ISO 8601 and yyyy-mm-dd: always year-month-day for date, datetime2 and datetimeoffset; for
  // datetime and smalldatetime the DATEFORMAT decides between ymd and ydm.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(T|\s+)(.*))?$/i.exec(text);
  if (iso !== null) {
    const [, y, a, b, sep, rest] = iso;
    if (sep?.toUpperCase() === 'T') return { y: y ?? '', mo: a ?? '', d: b ?? '', rest: rest ?? '', iso: true };
    const ydm = (target === 'datetime' || target === 'smalldatetime') && (format === 'dmy' || format === 'ydm' || format === 'dym');
    return { y: y ?? '', mo: ydm ? b ?? '' : a ?? '', d: ydm ? a ?? '' : b ?? '', rest: rest ?? '', iso: false };
  }
  // Unseparated: yyyymmdd or yymmdd, under every DATEFORMAT.
  const unsep = /^(\d{8}|\d{6})(?:\s+(.*))?$/.exec(text);
  if (unsep !== null) {
    const digits = unsep[1] ?? '';
    const yl = digits.length === 8 ? 4 : 2;
    return { y: digits.slice(0, yl), mo: digits.slice(yl, yl + 2), d: digits.slice(yl + 2), rest: unsep[2] ?? '', iso: false };
  }
  // Numeric with / - . separators, ordered by DATEFORMAT; a 4-digit first number is the year.
  const num = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:\s+(.*))?$/.exec(text);
  if (num !== null) {
    const [, a = '', , b = '', c = '', rest = ''] = num;
    if (a.length === 4) {
      const ydm = (target === 'datetime' || target === 'smalldatetime') && (format === 'dmy' || format === 'ydm' || format === 'dym');
      return { y: a, mo: ydm ? c : b, d: ydm ? b : c, rest, iso: false };
    }
    const [y, mo, d] = byFormat(a, b, c, format);
    return { y, mo, d, rest, iso: false };
  }
  // Month and year only (`4/1996` is not a format); alphabetic dates with a month name.
  const words = text.split(/[\s,]+/).filter((w) => w !== '');
  const mi = words.findIndex((w) => monthOf(w) !== undefined);
  if (mi < 0) return undefined;
  const month = monthOf(words[mi] ?? '') as number;
  const nums: string[] = [];
  let end = 0;
  for (let i = 0; i < words.length; i++) {
    if (i === mi) { end = i + 1; continue; }
    const w = words[i] ?? '';
    if (/^\d{1,4}$/.test(w) && nums.length < 2) { nums.push(w); end = i + 1; continue; }
    break;
  }
  const rest = words.slice(end).join(' ');
  if (nums.length === 0) return undefined;
  if (nums.length === 1) {
    // `Apr 1996`: the 1st of the month; a lone 1-2 digit number is not a year here.
    const only = nums[0] ?? '';
    if (only.length < 3) return undefined;
    return { y: only, mo: month, d: '1', rest, iso: false };
  }
  const [n1 = '', n2 = ''] = nums;
  // A 4-digit number is the year; otherwise the first is the day, the second the year.
  if (n1.length >= 3) return { y: n1, mo: month, d: n2, rest, iso: false };
  return { y: n2, mo: month, d: n1, rest, iso: false };
}

/**
 * Reads `text` as SQL Server does for a conversion to `target`, or says why it cannot (241 for
 * text that is not a date, 242 for datetime/smalldatetime numbers outside a real date).
 */
export function readDateTimeText(text: string, target: DateTimeTarget, format: DateFormat = 'mdy'): DateTimeValue | DateTimeFailure {
  const t = text.trim();
  // The empty string is 1900-01-01 00:00:00 for every type.
  if (t === '') return { year: 1900, month: 1, day: 1, nanos: 0n, offset: undefined };
  // Time only: the date is 1900-01-01.
  const timeOnly = /^\d{1,2}(?::|\s*(?:AM|PM)$)/i.test(t) && !/^\d{1,2}[/.-]/.test(t) ? readTime(t, target) : undefined;
  if (timeOnly !== undefined) return { year: 1900, month: 1, day: 1, ...timeOnly };
  const date = readDate(t, target, format);
  if (date === undefined) return CONVERSION;
  const time = readTime(date.rest, target);
  if (time === undefined) return CONVERSION;
  if (date.iso && !/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*(Z|[+-]\d{1,2}:\d{2}))?$/i.test(date.rest.trim())) return CONVERSION;
  const year = fullYear(date.y);
  const month = typeof date.mo === 'number' ? date.mo : Number(date.mo);
  const day = Number(date.d);
  if (!validDate(year, month, day)) return target === 'datetime' || target === 'smalldatetime' ? outOfRange(target) : CONVERSION;
  if (time.offset !== undefined && target !== 'datetimeoffset' && target !== 'datetime2' && target !== 'date' && target !== 'time' && !/Z$/i.test(t)) return CONVERSION;
  return { year, month, day, nanos: time.nanos, offset: time.offset };
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The value as the target type holds it: datetime rounded to 1/300 s (.000/.003/.007),
 * smalldatetime to the minute (29.998 s down, 29.999 s up), datetime2/time to `scale` digits,
 * date without its time; a value outside the type's range is error 242 (datetime,
 * smalldatetime) or 241.
 */
export function fitToType(v: DateTimeValue, target: DateTimeTarget, scale = 7): DateTimeValue | DateTimeFailure {
  let nanos = v.nanos;
  let days = dayNumber(v.year, v.month, v.day);
  if (target === 'date') nanos = 0n;
  else if (target === 'datetime') {
    const ticks = (nanos * 300n + NS_PER_SECOND / 2n) / NS_PER_SECOND;
    nanos = ((ticks * 10n + 1n) / 3n) * 1_000_000n;
  } else if (target === 'smalldatetime') {
    const ms = nanos / 1_000_000n;
    nanos = ((ms + 30_001n) / 60_000n) * 60n * NS_PER_SECOND;
  } else {
    const unit = 10n ** BigInt(9 - Math.min(7, Math.max(0, scale)));
    nanos = ((nanos + unit / 2n) / unit) * unit;
  }
  if (nanos >= NS_PER_DAY) {
    if (target === 'time') nanos -= NS_PER_DAY;
    else { nanos -= NS_PER_DAY; days += 1; }
  }
  const { year, month, day } = target === 'time' ? { year: 1900, month: 1, day: 1 } : fromDayNumber(days);
  const fits = target === 'datetime' ? year >= 1753 && year <= 9999
    : target === 'smalldatetime' ? (year > 1900 || (year === 1900)) && (year < 2079 || (year === 2079 && (month < 6 || (month === 6 && day <= 6))))
      : year >= 1 && year <= 9999;
  if (!fits) return target === 'datetime' || target === 'smalldatetime' ? outOfRange(target) : CONVERSION;
  return { year, month, day, nanos, offset: v.offset };
}

/** `YYYY-MM-DD`, `hh:mm:ss.fffffffff` pieces of a value, for SQL text. */
export function formatDateTime(v: DateTimeValue): { date: string; time: string } {
  const pad = (n: number | bigint, w: number): string => String(n).padStart(w, '0');
  const s = v.nanos / NS_PER_SECOND;
  const frac = v.nanos % NS_PER_SECOND;
  return {
    date: `${pad(v.year, 4)}-${pad(v.month, 2)}-${pad(v.day, 2)}`,
    time: `${pad(s / 3600n, 2)}:${pad((s / 60n) % 60n, 2)}:${pad(s % 60n, 2)}.${pad(frac, 9)}`,
  };
}

/** True when the value is a failure to convert. */
export function isDateTimeFailure(v: DateTimeValue | DateTimeFailure): v is DateTimeFailure {
  return 'number' in v;
}
