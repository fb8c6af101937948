import fc from 'fast-check';
import { EngineSession, quoteLiteral } from '../../../src/engine';
import { choosePairClass, kindOfDuckType, sqlEquals, sqlPrepare, valuesEqual, type TextRules, type Tolerance } from '../../../src/acceptance';

// The SQL path (normalize-sql.ts) and the in-memory path (normalize-rules.ts) must agree on
// every pair of values: the jest matcher and `migrate accept` may never disagree.

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

interface Side { readonly type: string; readonly sql: unknown; readonly js: unknown }

const literal = (side: Side): string => (side.sql === null ? `CAST(NULL AS ${side.type})` : `CAST(${quoteLiteral(String(side.sql))} AS ${side.type})`);

/** Evaluates many pairs (same types) in one query: planning the date parser costs more than running it. */
async function sqlSaysMany(pairs: readonly (readonly [Side, Side])[], rules: TextRules, tol: Tolerance): Promise<boolean[]> {
  const [e0, a0] = pairs[0] as readonly [Side, Side];
  const cls = choosePairClass('c', kindOfDuckType(e0.type), kindOfDuckType(a0.type), [e0.type, a0.type], tol);
  const eq = sqlEquals(sqlPrepare('e', kindOfDuckType(e0.type), cls, rules, e0.type), sqlPrepare('a', kindOfDuckType(a0.type), cls, rules, a0.type), 'e', 'a', cls, tol);
  const rows = pairs.map(([e, a], i) => `(${i}, ${literal(e)}, ${literal(a)})`).join(', ');
  const out = await session.all(`SELECT i, ${eq} AS eq FROM (VALUES ${rows}) t(i, e, a) ORDER BY i`);
  return out.map((r) => r.eq as boolean);
}

async function sqlSays(e: Side, a: Side, rules: TextRules, tol: Tolerance): Promise<boolean> {
  return (await sqlSaysMany([[e, a]], rules, tol))[0] as boolean;
}

function jsSays(e: Side, a: Side, rules: TextRules, tol: Tolerance): boolean {
  const cls = choosePairClass('c', kindOfDuckType(e.type), kindOfDuckType(a.type), [e.type, a.type], tol);
  return valuesEqual(e.js, a.js, cls, rules, tol);
}

const text = (s: string | null): Side => ({ type: 'VARCHAR', sql: s, js: s });
const dbl = (n: number | null): Side => ({ type: 'DOUBLE', sql: n, js: n });
const int = (n: number | null): Side => ({ type: 'INTEGER', sql: n, js: n });
const bool = (b: boolean | null): Side => ({ type: 'BOOLEAN', sql: b, js: b });
const ts = (iso: string | null): Side => ({ type: 'TIMESTAMP', sql: iso, js: iso === null ? null : new Date(`${iso.replace(' ', 'T')}Z`) });
const date = (iso: string): Side => ({ type: 'DATE', sql: iso, js: new Date(`${iso}T00:00:00Z`) });
// A Date holds milliseconds only: in memory, finer timestamps arrive as their text.
const tsUs = (iso: string): Side => ({ type: 'TIMESTAMP', sql: iso, js: iso });
const tsNs = (iso: string): Side => ({ type: 'TIMESTAMP_NS', sql: iso, js: iso });
const tsTz = (iso: string): Side => ({ type: 'TIMESTAMPTZ', sql: iso, js: new Date(iso.replace(' ', 'T')) });
const exact: Tolerance = { absolute: 0, relative: 0 };
const plain: TextRules = { ignoreCase: false, trim: false, nullEqualsEmpty: false };
const loose: TextRules = { ignoreCase: true, trim: true, nullEqualsEmpty: true };

describe('normalisation: SQL and in-memory agree', () => {
  it.each<[string, Side, Side, TextRules, Tolerance, boolean]>([
    ['same text', text('a'), text('a'), plain, exact, true],
    ['trailing blank, exact', text('a '), text('a'), plain, exact, false],
    ['trailing blank, trim', text('a '), text('a'), loose, exact, true],
    ['leading blank is data even with trim', text(' a'), text('a'), loose, exact, false],
    ['case', text('ABC'), text('abc'), loose, exact, true],
    ['NULL vs empty, exact', text(null), text(''), plain, exact, false],
    ['NULL vs empty, loose', text(null), text('  '), loose, exact, true],
    ['numeric text 1.50 vs 1.5', text('1.50'), dbl(1.5), plain, exact, true],
    ['numeric text with blanks', text(' 2 '), int(2), plain, exact, true],
    ['non-numeric text vs number', text('x'), dbl(1), plain, exact, false],
    // a code held as text (an NPI, an NDC) keeps its leading zeros: the number without them differs
    ['code text with a leading zero vs the number without it', text('0123456789'), int(123456789), plain, exact, false],
    ['code text with leading zeros vs the number, with tolerance', text('00093'), dbl(93), plain, { absolute: 0.5, relative: 0 }, false],
    ['0.50 vs 0.5: a zero before the point is a number', text('0.50'), dbl(0.5), plain, exact, true],
    ['zero itself', text('0'), int(0), plain, exact, true],
    ['1e3 vs 1000', text('1e3'), dbl(1000), plain, exact, true],
    ['within absolute tolerance', dbl(1), dbl(1.004), plain, { absolute: 0.005, relative: 0 }, true],
    ['a bound of 0.01 admits 13644.23 vs 13644.22 (subtraction rounding)', dbl(13644.23), dbl(13644.22), plain, { absolute: 0.01, relative: 0 }, true],
    ['but not 13644.24 vs 13644.22', dbl(13644.24), dbl(13644.22), plain, { absolute: 0.01, relative: 0 }, false],
    ['outside absolute tolerance', dbl(1), dbl(1.006), plain, { absolute: 0.005, relative: 0 }, false],
    ['within relative tolerance', dbl(1000), dbl(1000.9), plain, { absolute: 0, relative: 0.001 }, true],
    ['infinities', dbl(Infinity), dbl(Infinity), plain, { absolute: 1, relative: 1 }, true],
    ['infinity vs finite with relative tolerance', dbl(Infinity), dbl(5), plain, { absolute: 0, relative: 0.5 }, false],
    ['bit 1 vs true', int(1), bool(true), plain, exact, true],
    ['bit 0 vs true', int(0), bool(true), plain, exact, false],
    ["'yes' vs true", text('Yes'), bool(true), plain, exact, true],
    ["'2' vs true", text('2'), bool(true), plain, exact, false],
    ['ISO date text vs DATE', text('2024-01-02'), date('2024-01-02'), plain, exact, true],
    ['US date text vs DATE', text('01/02/2024'), date('2024-01-02'), plain, exact, true],
    ['style 100 vs TIMESTAMP', text('Jan  2 2024  1:05PM'), ts('2024-01-02 13:05:00'), plain, exact, true],
    ['12AM is midnight', text('Jan  2 2024 12:00AM'), ts('2024-01-02 00:00:00'), plain, exact, true],
    ['datetime2 fraction', text('2024-01-02 10:00:00.1230000'), ts('2024-01-02 10:00:00.123'), plain, exact, true],
    ['invalid date text', text('2024-02-30'), date('2024-03-01'), plain, exact, false],
    ['seconds 60 are invalid', text('2024-01-02 10:00:60'), ts('2024-01-02 10:01:00'), plain, exact, false],
    ['TIMESTAMP vs DATE', ts('2024-01-02 00:00:00'), date('2024-01-02'), plain, exact, true],
    ['datetime2(7) text 100 ns from a TIMESTAMP differs', text('2024-01-02 10:00:00.1234567'), tsUs('2024-01-02 10:00:00.123456'), plain, exact, false],
    ['datetime2(7) text 100 ns from a TIMESTAMP_NS differs', text('2024-01-02 10:00:00.1234567'), tsNs('2024-01-02 10:00:00.1234568'), plain, exact, false],
    ['datetime2(7) text equal to a TIMESTAMP_NS', text('2024-01-02 10:00:00.1234567'), tsNs('2024-01-02 10:00:00.1234567'), plain, exact, true],
    ['trailing fraction zeros are the same instant', text('2024-01-02 10:00:00.1234560'), tsUs('2024-01-02 10:00:00.123456'), plain, exact, true],
    ['9999-12-31 keeps its 7th digit', text('9999-12-31 23:59:59.9999999'), tsUs('9999-12-31 23:59:59.999999'), plain, exact, false],
    ['9999-12-31 equal', text('9999-12-31 23:59:59.9999990'), tsUs('9999-12-31 23:59:59.999999'), plain, exact, true],
    ['TIMESTAMP_NS 100 ns from a TIMESTAMP differs', tsNs('2024-01-02 10:00:00.1234561'), tsUs('2024-01-02 10:00:00.123456'), plain, exact, false],
    ['TIMESTAMP_NS before 1970', tsNs('1960-05-06 07:08:09.0000001'), text('1960-05-06 07:08:09.0000001'), plain, exact, true],
    ['datetimeoffset text at its UTC instant', text('2024-01-02 12:00:00.1234567 +02:00'), tsNs('2024-01-02 10:00:00.1234567'), plain, exact, true],
    ['datetimeoffset text 100 ns apart', text('2024-01-02 12:00:00.1234567 +02:00'), tsNs('2024-01-02 10:00:00.1234568'), plain, exact, false],
    ['datetimeoffset crossing midnight westwards', text('2024-01-01T20:30:00-05:30'), ts('2024-01-02 02:00:00'), plain, exact, true],
    ['Z is UTC', text('2024-01-02T10:00:00.5Z'), ts('2024-01-02 10:00:00.5'), plain, exact, true],
    // DuckDB writes a TIMESTAMPTZ as `…+00` / `…+05:30`; ISO 8601 also allows ±hhmm
    ['DuckDB\'s TIMESTAMPTZ text (+hh) against the instant', text('2024-01-02 10:00:00+00'), tsTz('2024-01-02 12:00:00+02:00'), plain, exact, true],
    ['an offset as +hhmm', text('2024-01-02T15:30:00+0530'), ts('2024-01-02 10:00:00'), plain, exact, true],
    ['an offset as -hh, another instant', text('2024-01-02 10:00:00-01'), ts('2024-01-02 10:00:00'), plain, exact, false],
    ['an offset past 14 hours is not a datetimeoffset', text('2024-01-02 10:00:00 +15:00'), ts('2024-01-01 19:00:00'), plain, exact, false],
    ['TIMESTAMPTZ against offset text, same instant', tsTz('2024-01-02 10:00:00+00:00'), text('2024-01-02 12:00:00 +02:00'), plain, exact, true],
    ['TIMESTAMPTZ against TIMESTAMP, other instant', tsTz('2024-01-02 10:00:00+02:00'), ts('2024-01-02 10:00:00'), plain, exact, false],
    ['NULL vs NULL', dbl(null), text(null), plain, exact, true],
    // the ISO fast lane (TIMESTAMP_NS cast) against the patterns, at its edges
    ['ISO with T and 7 digits against the same instant', text('2024-01-02T10:00:00.1234567'), tsNs('2024-01-02 10:00:00.1234567'), plain, exact, true],
    ['ISO 9 digits, 1 ns apart', text('2024-01-02 10:00:00.123456789'), tsNs('2024-01-02 10:00:00.123456788'), plain, exact, false],
    ['24:00:00 is not a time (the cast would take the next day)', text('2024-01-02 24:00:00'), ts('2024-01-03 00:00:00'), plain, exact, false],
    ['minute 60 is not a time', text('2024-01-02 10:60:00'), ts('2024-01-02 11:00:00'), plain, exact, false],
    ['February 30 is not a date', text('2024-02-30 10:00:00'), ts('2024-03-01 10:00:00'), plain, exact, false],
    ['the cast range edge, 1677-09-21', text('1677-09-21 00:12:44'), tsUs('1677-09-21 00:12:44'), plain, exact, true],
    ['year 1600 (before the cast range)', text('1600-01-01 00:00:00.1234567'), tsUs('1600-01-01 00:00:00.123456'), plain, exact, false],
    ['2262-04-12 (after the cast range)', text('2262-04-12 00:00:00'), tsUs('2262-04-12 00:00:00'), plain, exact, true],
  ])('%s', async (_name, e, a, rules, tol, expected) => {
    expect(jsSays(e, a, rules, tol)).toBe(expected);
    expect(await sqlSays(e, a, rules, tol)).toBe(expected);
  });

  const numericText = fc.oneof(
    fc.constantFrom('1', '1.0', '1.50', '.5', '1.', '-0', '+3', '1e3', '2E-2', ' 7 ', 'abc', '', 'NaN', 'inf', '1,5', '0x10', '1e400'),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)),
    fc.integer().map((n) => ` ${n}`),
  );
  const rulesArb = fc.record({ ignoreCase: fc.boolean(), trim: fc.boolean(), nullEqualsEmpty: fc.boolean() });

  it('agree on random numbers against numeric text', async () => {
    await fc.assert(fc.asyncProperty(numericText, fc.oneof(fc.double({ noNaN: true }), fc.constant(null)), rulesArb,
      fc.record({ absolute: fc.constantFrom(0, 1e-9, 0.01), relative: fc.constantFrom(0, 1e-6) }),
      async (t, n, rules, tol) => {
        expect(await sqlSays(text(t), dbl(n), rules, tol)).toBe(jsSays(text(t), dbl(n), rules, tol));
      }), { numRuns: 150 });
  });

  it('agree on random text pairs', async () => {
    const word = fc.oneof(fc.constantFrom('', ' ', 'a', 'A', 'a ', ' a', 'ß', 'Ab  '), fc.string({ maxLength: 6, unit: 'grapheme-ascii' }));
    await fc.assert(fc.asyncProperty(fc.option(word), fc.option(word), rulesArb, async (x, y, rules) => {
      expect(await sqlSays(text(x), text(y), rules, exact)).toBe(jsSays(text(x), text(y), rules, exact));
    }), { numRuns: 150 });
  });

  it('agree on random date texts against timestamps', async () => {
    const dt = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const render = (d: Date, style: number): string => {
      const [y, m, day, h, mi, s] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
      if (style === 0) return `${y}-${pad(m)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(d.getUTCMilliseconds(), 3)}`;
      if (style === 1) return `${pad(m)}/${pad(day)}/${y} ${pad(h)}:${pad(mi)}:${pad(s)}`;
      if (style === 2) return `${mon[m - 1]} ${String(day).padStart(2, ' ')} ${y} ${String(h % 12 || 12).padStart(2, ' ')}:${pad(mi)}${h < 12 ? 'AM' : 'PM'}`;
      return `${y}${pad(m)}${pad(day)}`;
    };
    const pair = fc.tuple(dt, dt, fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([d1, d2, style, same]) => {
      const iso = (same ? d1 : d2).toISOString().replace('T', ' ').replace('Z', '');
      return [text(render(d1, style)), ts(iso)] as const;
    });
    await fc.assert(fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 60 }), async (pairs) => {
      expect(await sqlSaysMany(pairs, plain, exact)).toEqual(pairs.map(([t, d]) => jsSays(t, d, plain, exact)));
    }), { numRuns: 8 });
  });
});
