import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A billing job written on a British server: invoice dates arrive as dd/mm/yyyy text, the
// statement cut-off is a dd/mm/yyyy literal, and working days are DATEPART(dw) 1-5 (Monday to
// Friday under DATEFIRST 1). The scripts never say the login's language; the numbers depend on it.
const SQL = `CREATE TABLE dbo.[Invoice Terms] ([Invoice No] int NOT NULL PRIMARY KEY, [Issued On] varchar(10) NOT NULL, [Days Net] int NOT NULL)
GO
CREATE TABLE dbo.[Invoice Due] ([Invoice No] int NOT NULL PRIMARY KEY, Issued datetime NOT NULL, Due datetime NOT NULL,
    [Working Days] int NOT NULL, [Before Cutoff] bit NOT NULL, [Week Starts] int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_PlanInvoiceDue
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @no int, @issued datetime, @days int, @d datetime, @working int, @cutoff datetime;
    DECLARE inv CURSOR LOCAL FAST_FORWARD FOR
        SELECT [Invoice No], CONVERT(datetime, [Issued On]), [Days Net] FROM dbo.[Invoice Terms] ORDER BY [Invoice No];
    SET @cutoff = '03/04/2024';
    OPEN inv;
    FETCH NEXT FROM inv INTO @no, @issued, @days;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @d = @issued, @working = 0;
        WHILE @working < @days
        BEGIN
            SET @d = DATEADD(day, 1, @d);
            IF DATEPART(dw, @d) < 6 SET @working = @working + 1;
        END
        INSERT dbo.[Invoice Due] ([Invoice No], Issued, Due, [Working Days], [Before Cutoff], [Week Starts])
        VALUES (@no, @issued, @d, @working, CASE WHEN @issued < @cutoff THEN 1 ELSE 0 END, @@DATEFIRST);
        FETCH NEXT FROM inv INTO @no, @issued, @days;
    END
    CLOSE inv; DEALLOCATE inv;
END
GO
`;

const TERMS = [
  { no: 1, text: '03/04/2024', days: 5 },
  { no: 2, text: '11/01/2024', days: 10 },
  { no: 3, text: '05/12/2024', days: 3 },
];

/**
 * The expected baseline, by calendar arithmetic in JavaScript: the text read day-first or
 * month-first, and the days that count (Monday-Friday under british, Sunday-Thursday under
 * us_english, where DATEPART(dw) 1-5 are those days).
 */
function expected(dayFirst: boolean): string {
  const counted = dayFirst ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4];
  const [cd, cm] = dayFirst ? [3, 4] : [4, 3];
  const cutoff = Date.UTC(2024, cm - 1, cd);
  const text = (t: number): string => `${new Date(t).toISOString().slice(0, 10)} 00:00:00`;
  const rows = TERMS.map((term) => {
    const [a, b, y] = term.text.split('/').map(Number) as [number, number, number];
    const issued = dayFirst ? Date.UTC(y, b - 1, a) : Date.UTC(y, a - 1, b);
    let d = issued;
    let working = 0;
    while (working < term.days) {
      d += 86_400_000;
      if (counted.includes(new Date(d).getUTCDay())) working++;
    }
    return `${term.no},${text(issued)},${text(d)},${term.days},${issued < cutoff ? 1 : 0},${dayFirst ? 1 : 7}`;
  });
  return `Invoice No,Issued,Due,Working Days,Before Cutoff,Week Starts\n${rows.join('\n')}\n`;
}

describe('migrate capture in the legacy login\'s language', () => {
  const cwd = process.cwd();
  const ws = mkdtempSync(join(tmpdir(), 'capture-language-'));
  /** Writes the procedure (as given, or changed) to its own folder and captures it into `out`. */
  const captureOf = (procedure: string, folder: string, out: string, extra: string[] = []) => {
    mkdirSync(join(ws, folder), { recursive: true });
    writeFileSync(join(ws, folder, 'usp_PlanInvoiceDue.sql'), procedure);
    return runMigrate(['capture', 'dbo.usp_PlanInvoiceDue', '--data', join(ws, 'data'), '--procedures', join(ws, folder), '--out', join(ws, out), ...extra]);
  };
  const capture = (out: string, extra: string[] = []) => captureOf(SQL, 'procedures', out, extra);
  const read = (out: string, file: string): string => readFileSync(join(ws, out, file), 'utf8');
  beforeAll(() => {
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Invoice Terms.csv'), `Invoice No,Issued On,Days Net\n${TERMS.map((t) => `${t.no},${t.text},${t.days}`).join('\n')}\n`);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(ws, { recursive: true, force: true });
  });

  it('without a stated language: us_english, saying so once at the first construct that depends on it', async () => {
    const r = await capture('assumed');
    expect(r.code).toBe(0);
    expect(read('assumed', 'dbo.Invoice Due.csv')).toBe(expected(false));
    const notes = r.err.split('\n').filter((l) => l.includes('assumed the legacy login\'s language'));
    expect(notes).toHaveLength(1);
    // SET @cutoff = '03/04/2024' (line 13) runs before the cursor's CONVERT (at OPEN)
    expect(notes[0]).toMatch(/assumed the legacy login's language is us_english \(DATEFIRST 7, DATEFORMAT mdy\): '03\/04\/2024' converted to datetime at .*usp_PlanInvoiceDue\.sql:13:5 depends on it; state the login's language with legacy\.language in migrate\.config\.yaml or --language/);
    expect(JSON.parse(read('assumed', 'manifest.json')).language).toBeUndefined();
  });

  it('--language british: DATEFIRST 1 and DATEFORMAT dmy from the start, nothing assumed', async () => {
    const r = await capture('british', ['--language', 'british', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).language).toBe('british');
    expect(read('british', 'dbo.Invoice Due.csv')).toBe(expected(true));
    expect(r.err).not.toMatch(/assumed the legacy login's language/);
  });

  it('legacy.language in migrate.config.yaml, and us_english stated: no note', async () => {
    process.chdir(ws);
    try {
      writeFileSync(join(ws, 'migrate.config.yaml'), 'legacy:\n  language: British\n');
      const british = await capture('config');
      expect(british.code).toBe(0);
      expect(read('config', 'dbo.Invoice Due.csv')).toBe(expected(true));
      writeFileSync(join(ws, 'migrate.config.yaml'), 'legacy:\n  language: us_english\n');
      const us = await capture('us');
      expect(us.code).toBe(0);
      expect(read('us', 'dbo.Invoice Due.csv')).toBe(expected(false));
      expect(us.err).not.toMatch(/assumed the legacy login's language/);
    } finally {
      rmSync(join(ws, 'migrate.config.yaml'), { force: true });
      process.chdir(cwd);
    }
  });

  it('SET DATEFIRST and SET DATEFORMAT in the code win over the login, and leave nothing assumed', async () => {
    const r = await captureOf(SQL.replace('SET NOCOUNT ON;', 'SET NOCOUNT ON; SET DATEFIRST 1; SET DATEFORMAT dmy;'), 'pinned', 'pinned-out');
    expect(r.code).toBe(0);
    expect(read('pinned-out', 'dbo.Invoice Due.csv')).toBe(expected(true));
    expect(r.err).not.toMatch(/assumed the legacy login's language/);
  });

  it('a procedure that sets only DATEFORMAT still depends on the login\'s first day of the week: noted at the DATEPART', async () => {
    const r = await captureOf(SQL.replace('SET NOCOUNT ON;', 'SET NOCOUNT ON; SET DATEFORMAT dmy;'), 'format-only', 'format-only-out');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/assumed the legacy login's language is us_english \(DATEFIRST 7, DATEFORMAT mdy\): DATEPART\(weekday, …\) at .*usp_PlanInvoiceDue\.sql:22:16 depends on it/);
  });

  it('refuses a language it does not follow, naming the ones it does', async () => {
    const r = await capture('german', ['--language', 'Deutsch']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--language Deutsch is not a language the emulator follows \(expected us_english or british\)/);
  });
});
