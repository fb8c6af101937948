import { matchSeriesLoop } from '../../../../src/draft/idioms/series-loop';
import { isIdiomRefusal } from '../../../../src/draft/idioms/loop-shape';
import { bodyOf, indexOfKind } from './loop-helpers';

const dayLoop = (body: string, cond = '@D <= @To', step = 'SET @D = DATEADD(day, 1, @D);', after = ''): string => `
DECLARE @D date, @K int, @M varchar(40);
SET @D = @From;
WHILE ${cond}
BEGIN
${body}
  ${step}
END
${after}`;

describe('matchSeriesLoop', () => {
  it.each([
    ['INSERT … VALUES per day', dayLoop('INSERT INTO dbo.Cal (Day) VALUES (@D);'), true],
    ['INSERT … SELECT per day', dayLoop('INSERT INTO dbo.Daily (Day, N) SELECT @D, COUNT(*) FROM dbo.O o WHERE o.Day = @D;'), true],
    ['a local computed per day', dayLoop('SET @K = DATEDIFF(day, @From, @D); INSERT INTO dbo.Cal (Day, Offset) VALUES (@D, @K);'), true],
    ['a day reloaded: DELETE of the day, INSERT … SELECT, a row counter for the log', dayLoop('DELETE FROM dbo.Daily WHERE Day = @D; INSERT INTO dbo.Daily (Day, N) SELECT @D, COUNT(*) FROM dbo.O o WHERE o.Day = @D; SET @K = @K + @@ROWCOUNT;'), true],
    ['a number loop, exclusive bound, written reversed', `DECLARE @K int; SET @K = 0; WHILE 10 > @K BEGIN INSERT INTO dbo.N (K) VALUES (@K); SET @K += 1; END`, false],
    ['an INSERT of the day guarded by IF NOT EXISTS of its own key', dayLoop('IF NOT EXISTS (SELECT 1 FROM dbo.Cal c WITH (NOLOCK) WHERE c.Day = @D) INSERT INTO dbo.Cal (Day) VALUES (@D);'), true],
    ['a day loaded, then its row count logged: SET @K = @@ROWCOUNT and an IF that PRINTs it', dayLoop('INSERT INTO dbo.Daily (Day, N) SELECT @D, COUNT(*) FROM dbo.O o WHERE o.Day = @D; SET @K = @@ROWCOUNT; IF @K = 0 BEGIN SET @M = \'none on \' + CONVERT(varchar(10), @D, 120); PRINT @M; END ELSE PRINT @K;'), true],
    ['a day loop whose start is the DECLARE\'s initial value', 'DECLARE @D date = @From; WHILE @D <= @To BEGIN INSERT INTO dbo.Cal (Day) VALUES (@D); SET @D = DATEADD(day, 1, @D); END', true],
  ])('recognises %s', (_name, sql, dates) => {
    const list = bodyOf(sql);
    const m = matchSeriesLoop(list, indexOfKind(list, 'While'), []);
    if (!m || isIdiomRefusal(m)) throw new Error(`not recognised: ${m ? m.reason : 'no loop'}`);
    expect(m.dates).toBe(dates);
  });

  it.each([
    ['no increment at the end', dayLoop('INSERT INTO dbo.Cal (Day) VALUES (@D);', undefined, 'PRINT 1;'), /must end with the increment/],
    // named as written (@D, not @d), and told apart from a missing increment
    ['a step the draft does not translate', dayLoop('INSERT INTO dbo.Cal (Day) VALUES (@D);', undefined, 'SET @D = EOMONTH(DATEADD(day, 1, @D));'), /^WHILE over @D: its last statement sets @D by a step the draft does not translate/],
    ['the counter changed inside the body', dayLoop('SET @D = DATEADD(day, 1, @D); INSERT INTO dbo.Cal (Day) VALUES (@D);'), /assigned inside its own loop/],
    ['an INSERT … SELECT reading its own target', dayLoop('INSERT INTO dbo.Cal (Day) SELECT MAX(Day) FROM dbo.Cal;'), /reads the table it inserts into/],
    ['a running total across days', dayLoop('SET @K = @K + 1; INSERT INTO dbo.Cal (Day, N) VALUES (@D, @K);'), /runs on from one value/],
    ['the counter read after the loop', dayLoop('INSERT INTO dbo.Cal (Day) VALUES (@D);', undefined, undefined, 'SELECT @D AS NextDay;'), /read after the loop/],
    ['a DELETE of another day than the one inserted', dayLoop('DELETE FROM dbo.Daily WHERE Day = DATEADD(day, -1, @D); INSERT INTO dbo.Daily (Day, N) SELECT @D, COUNT(*) FROM dbo.O o WHERE o.Day = @D;'), /DELETE before the INSERT/],
    ['a counter after the INSERT that the loop reads', dayLoop('INSERT INTO dbo.Cal (Day, N) VALUES (@D, @K); SET @K = @K + @@ROWCOUNT;'), /read by the loop/],
    ['an IF after the INSERT that writes a table', dayLoop('INSERT INTO dbo.Cal (Day) VALUES (@D); IF @@ROWCOUNT = 0 INSERT INTO dbo.Log (Msg) VALUES (\'none\');'), /IF around the INSERT: only/],
    ['a logged count the loop reads before its INSERT', dayLoop('INSERT INTO dbo.Cal (Day, N) VALUES (@D, @K); IF @D = @To SET @K = @@ROWCOUNT;'), /read by the loop/],
    ['a CONTINUE', dayLoop('IF @D = @To CONTINUE; INSERT INTO dbo.Cal (Day) VALUES (@D);'), /CONTINUE/],
    ['an IF NOT EXISTS guard looking for another key than the one inserted', dayLoop('IF NOT EXISTS (SELECT 1 FROM dbo.Cal WHERE Day = DATEADD(day, 1, @D)) INSERT INTO dbo.Cal (Day) VALUES (@D);'), /must write to Day the value the guard looks for/],
    ['an IF around the INSERT with an ELSE', dayLoop('IF NOT EXISTS (SELECT 1 FROM dbo.Cal WHERE Day = @D) INSERT INTO dbo.Cal (Day) VALUES (@D); ELSE PRINT 1;'), /only `IF NOT EXISTS/],
    ['an IF EXISTS of another table', dayLoop('IF NOT EXISTS (SELECT 1 FROM dbo.Other WHERE Day = @D) INSERT INTO dbo.Cal (Day) VALUES (@D);'), /only `IF NOT EXISTS/],
  ])('refuses %s', (_name, sql, reason) => {
    const list = bodyOf(sql);
    const w = indexOfKind(list, 'While');
    const m = matchSeriesLoop(list, w, list.slice(w + 1));
    if (!m || !isIdiomRefusal(m)) throw new Error('expected a refusal');
    expect(m.reason).toMatch(reason);
  });

  it('is not about a WHILE without a counter or without a start', () => {
    const list = bodyOf('DECLARE @D date; WHILE @D <= @To BEGIN INSERT INTO dbo.Cal (Day) VALUES (@D); SET @D = DATEADD(day, 1, @D); END');
    const m = matchSeriesLoop(list, indexOfKind(list, 'While'), []);
    expect(m && isIdiomRefusal(m) ? m.reason : '').toMatch(/no assignment of @D before its loop/);
    const other = bodyOf('WHILE EXISTS (SELECT 1 FROM dbo.Q) DELETE TOP (10) FROM dbo.Q;');
    expect(matchSeriesLoop(other, 0, [])).toBeUndefined();
  });
});
