import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// TRY_CONVERT / TRY_CAST of feed text to date, datetime, smalldatetime and datetime2 in drafts:
// SQL Server's value, NULL where its TRY_ gives NULL (no such day, no digit, out of the type's
// range, datetime past 3 fraction digits), a stop at the legacy location for text read by rules
// the draft does not reproduce. Values worked out from the CAST and CONVERT, datetime,
// smalldatetime, datetime2 and SET DATEFORMAT pages.
const proc = (body: string): string => `CREATE PROCEDURE dbo.[usp Load Feed] AS\nBEGIN\n${body}\nEND`;
const DDL = 'CREATE TABLE dbo.[Feed Row] (K int NOT NULL, [Ship Date Text] varchar(40) NULL);\n'
  + 'CREATE TABLE dbo.[Ship Dates] (K int NOT NULL, D date NULL, DT datetime NULL, SDT smalldatetime NULL, D2 datetime2 NULL);';
const OUT: HarnessTable = { name: 'dbo.[Ship Dates]', columns: ['K:int', 'D:date?', 'DT:timestamp?', 'SDT:timestamp?', 'D2:datetime2?'], rows: [] };
const feed = (texts: readonly (string | null)[]): HarnessTable => ({ name: 'dbo.[Feed Row]', columns: ['K:int', 'Ship Date Text:text?'], rows: texts.map((t, i) => [i + 1, t]) });

/** A date or datetime as the harness prints it (a JavaScript Date, whole seconds shown). */
const day = (iso: string): string => new Date(`${iso.length === 10 ? `${iso}T00:00:00` : iso.replace(' ', 'T')}Z`).toString();

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

const ALL = (d: string, dt: string, sdt: string, d2: string): string => `INSERT INTO dbo.[Ship Dates] (K, D, DT, SDT, D2)
  SELECT f.K, ${d}, ${dt}, ${sdt}, ${d2} FROM dbo.[Feed Row] AS f;`;
const PLAIN = ALL('TRY_CONVERT(date, f.[Ship Date Text])', 'TRY_CONVERT(datetime, f.[Ship Date Text])', 'TRY_CAST(f.[Ship Date Text] AS smalldatetime)', 'TRY_CAST(f.[Ship Date Text] AS datetime2)');

const run = async (body: string, texts: readonly (string | null)[]): Promise<string[]> => {
  const inputs = [feed(texts), OUT];
  const d = draftOf(proc(body), { ddl: DDL, inputs, output: OUT });
  expect(d.refusals.map((r) => r.reason)).toEqual([]);
  return runDraft(session, d, inputs);
};

describe('drafted TRY_CONVERT of text to dates', () => {
  it('reads ISO, unseparated and us_english m/d/yyyy text, NULL where SQL Server gives NULL', async () => {
    const rows = await run(PLAIN, [
      '2024-03-05', '03/05/2024 14:30', '20240229', '2023-02-29', 'n/a', '', '2024-03-05 10:15:30.1234567',
      '1700-06-01', '2024-03-05T23:59:59.999', null, '25:00', ' 12/31/2024 9:05 ', '31/12/2024', '2024-03-05 10:15:29.5',
    ]);
    const all = (d: string, at: string, d2: string): string => `${day(d)}|${day(at)}|${day(at)}|${d2}`;
    expect(rows).toEqual([
      `1|${all('2024-03-05', '2024-03-05', '2024-03-05 00:00:00.0000000')}`,
      `2|${all('2024-03-05', '2024-03-05 14:30:00', '2024-03-05 14:30:00.0000000')}`,
      `3|${all('2024-02-29', '2024-02-29', '2024-02-29 00:00:00.0000000')}`,
      '4|NULL|NULL|NULL|NULL', // 2023 has no 29 February
      '5|NULL|NULL|NULL|NULL', // no digit: no date
      `6|${all('1900-01-01', '1900-01-01', '1900-01-01 00:00:00.0000000')}`, // empty text is the base date
      // datetime and smalldatetime read at most 3 fraction digits; datetime2 keeps 7
      `7|${day('2024-03-05')}|NULL|NULL|2024-03-05 10:15:30.1234567`,
      `8|${day('1700-06-01')}|NULL|NULL|1700-06-01 00:00:00.0000000`, // before datetime's 1753 and smalldatetime's 1900
      // .999 rounds to the next day in datetime (1/300 s ticks); 59.999 s to the next minute in smalldatetime
      `9|${day('2024-03-05')}|${day('2024-03-06')}|${day('2024-03-06')}|2024-03-05 23:59:59.9990000`,
      '10|NULL|NULL|NULL|NULL',
      '11|NULL|NULL|NULL|NULL', // no hour 25
      `12|${all('2024-12-31', '2024-12-31 09:05:00', '2024-12-31 09:05:00.0000000')}`, // blanks around are ignored
      '13|NULL|NULL|NULL|NULL', // no month 31 under mdy
      // 29.5 s: smalldatetime rounds down to the minute
      `14|${day('2024-03-05')}|${day('2024-03-05 10:15:29')}|${day('2024-03-05 10:15:00')}|2024-03-05 10:15:29.5000000`,
    ]);
  });

  it('reads d/m/yyyy and, for datetime, yyyy-mm-dd as year-day-month under SET DATEFORMAT dmy', async () => {
    const rows = await run(`SET DATEFORMAT dmy;\n${PLAIN}`, ['05/03/2024', '05.03.2024 08:00', '2024-05-03', '2024-05-03T00:00:00', '31/12/2024', '12/31/2024']);
    const all = (d: string, at: string, d2: string): string => `${day(d)}|${day(at)}|${day(at)}|${d2}`;
    expect(rows).toEqual([
      `1|${all('2024-03-05', '2024-03-05', '2024-03-05 00:00:00.0000000')}`,
      `2|${all('2024-03-05', '2024-03-05 08:00:00', '2024-03-05 08:00:00.0000000')}`,
      // date and datetime2 read yyyy-mm-dd as ISO; datetime and smalldatetime by the session's order, year-day-month
      `3|${day('2024-05-03')}|${day('2024-03-05')}|${day('2024-03-05')}|2024-05-03 00:00:00.0000000`,
      `4|${all('2024-05-03', '2024-05-03', '2024-05-03 00:00:00.0000000')}`, // ISO 8601 with T: alike under every setting
      `5|${all('2024-12-31', '2024-12-31', '2024-12-31 00:00:00.0000000')}`,
      '6|NULL|NULL|NULL|NULL',
    ]);
  });

  it.each([
    ['', ''],
    ['SET DATEFORMAT dmy;', ''],
    ['', ', 103'],
  ])('gives what the emulator gives for the same feed (%s style%s), milliseconds rounded to 1/300 s', async (set, style) => {
    // .000-.001 are .000, .002-.004 .003, .005-.008 .007, .999 the next second (the datetime page)
    const texts = ['2024-03-05 10:00:00.001', '2024-03-05 10:00:00.004', '2024-03-05 10:00:00.005', '2024-03-05T10:00:00.999', '05/03/2024', '2024-03-05',
      '20240305 07:45', '31/02/2024', '02/29/2023', 'none', '1752-12-31', '2079-06-06 23:59:29.5', '9:30', '2024-03-05 10:00:00.1234'].filter((t) => style === '' || /^\d\d\/\d\d\/\d{4}$|^[a-z]+$/.test(t));
    const rows = texts.map((t, i) => [i + 1, t] as const);
    const inputs = [{ ...feed([]), name: 'dbo.Feed Row', rows: rows.map((r) => [...r]), csv: `K,Ship Date Text\n${rows.map((r) => r.join(',')).join('\n')}\n` }];
    const body = ALL(`TRY_CONVERT(date, f.[Ship Date Text]${style})`, `TRY_CONVERT(datetime, f.[Ship Date Text]${style})`, `TRY_CONVERT(smalldatetime, f.[Ship Date Text]${style})`, style === '' ? 'TRY_CONVERT(datetime2, f.[Ship Date Text])' : 'NULL');
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${set}\n${body}\nEND`, inputs, output: { name: 'dbo.Ship Dates', columns: OUT.columns } });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft?.length).toBe(texts.length);
    if (set === '' && style === '') {
      expect(r.draft?.filter((x) => /^[1-4]\|/.test(x))).toEqual([
        '1|2024-03-05|2024-03-05 10:00:00|2024-03-05 10:00:00|2024-03-05 10:00:00.0010000',
        '2|2024-03-05|2024-03-05 10:00:00.003|2024-03-05 10:00:00|2024-03-05 10:00:00.0040000',
        '3|2024-03-05|2024-03-05 10:00:00.007|2024-03-05 10:00:00|2024-03-05 10:00:00.0050000',
        '4|2024-03-05|2024-03-05 10:00:01|2024-03-05 10:00:00|2024-03-05 10:00:00.9990000',
      ]);
    }
  });

  it.each([
    ['TRY_CONVERT(date, f.[Ship Date Text], 104)', ['05.03.2024', '5.3.2024', '30.02.2024', 'unknown'], [day('2024-03-05'), day('2024-03-05'), 'NULL', 'NULL']],
    ['TRY_CONVERT(datetime, f.[Ship Date Text], 103)', [' 05/03/2024', '31/02/2024', '01/01/1700'], [day('2024-03-05'), 'NULL', 'NULL']],
    ['TRY_CONVERT(smalldatetime, f.[Ship Date Text], 101)', ['05/03/2024', '12/31/2079'], [day('2024-05-03'), 'NULL']],
    ['TRY_CONVERT(date, f.[Ship Date Text], 112)', ['20240305', '20240230'], [day('2024-03-05'), 'NULL']],
  ])('reads %s in its own order whatever the DATEFORMAT', async (expr, texts, values) => {
    const rows = await run(`SET DATEFORMAT dmy;\n${ALL(expr, 'NULL', 'NULL', 'NULL')}`, texts);
    expect(rows).toEqual(values.map((v, i) => `${i + 1}|${v}|NULL|NULL|NULL`));
  });

  it.each([
    ['Mar 5 2024', /proc\.sql:\d+:\d+: text read by TRY_CONVERT as date is not in a form the draft reads/],
    ['05-03-2024', /text read by TRY_CONVERT/],
  ])('stops on text read by rules it does not reproduce: %s', async (text, message) => {
    await expect(run(PLAIN, [text])).rejects.toThrow(message);
  });

  it('stops on a time after the date in a fixed-order style', async () => {
    await expect(run(ALL('TRY_CONVERT(date, f.[Ship Date Text], 103)', 'NULL', 'NULL', 'NULL'), ['05/03/2024 10:00'])).rejects.toThrow(/text read by TRY_CONVERT as date/);
  });

  it.each([
    ['TRY_CONVERT(date, f.[Ship Date Text], 107)', /CONVERT style 107 is not read from text/],
    ['TRY_CONVERT(date, f.[Ship Date Text], f.K)', /TRY_ conversions other than/],
  ])('refuses %s, located', (expr, reason) => {
    const d = draftOf(proc(ALL(expr, 'NULL', 'NULL', 'NULL')), { ddl: DDL, inputs: [feed([]), OUT], output: OUT });
    expect(d.refusals.map((r) => `${r.line} ${r.reason}`)).toEqual([expect.stringMatching(reason)]);
  });

  it.each([
    ['SET DATEFORMAT ymd;', /under SET DATEFORMAT ymd/],
    ["SET LANGUAGE 'British';", /date format/],
  ])('refuses the plain conversion under %s', (set, reason) => {
    const d = draftOf(proc(`${set}\n${ALL('TRY_CONVERT(date, f.[Ship Date Text])', 'NULL', 'NULL', 'NULL')}`), { ddl: DDL, inputs: [feed([]), OUT], output: OUT });
    expect(d.refusals.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
  });
});
