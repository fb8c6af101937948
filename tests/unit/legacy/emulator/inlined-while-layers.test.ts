import { EngineSession } from '../../../../src/engine';
import { resultRows, runBody } from './emulator-helpers';

// A cover-minutes function as service desks wrote them: a WHILE over days, an IF/ELSE IF/ELSE per
// day, opening hours clipped with CASE, DATEDIFF(minute) per day and a cap that may be NULL.
const TABLES = `
CREATE TABLE dbo.ClosedDay (Day date NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.Job (Id int NOT NULL PRIMARY KEY, StartAt datetime NULL, EndAt datetime NULL, Cap int NULL)
GO
CREATE FUNCTION dbo.CoverMinutes (@from datetime, @to datetime, @cap int) RETURNS int AS
BEGIN
  DECLARE @n int = 0, @d date = CAST(@from AS date), @open datetime, @close datetime, @s datetime, @e datetime;
  WHILE @d <= CAST(@to AS date)
  BEGIN
    IF DATEPART(dw, @d) IN (1, 7)
      SET @open = NULL;
    ELSE IF EXISTS (SELECT 1 FROM dbo.ClosedDay c WHERE c.Day = @d)
      SET @open = NULL;
    ELSE
    BEGIN
      SET @open = DATEADD(hour, 7, CAST(@d AS datetime));
      IF DATEPART(dw, @d) = 6 SET @close = DATEADD(hour, 15, CAST(@d AS datetime));
      ELSE SET @close = DATEADD(hour, 19, CAST(@d AS datetime));
      SET @s = CASE WHEN @from > @open THEN @from ELSE @open END;
      SET @e = CASE WHEN @to < @close THEN @to ELSE @close END;
      IF @e > @s SET @n = @n + DATEDIFF(minute, @s, @e);
    END
    IF @n > @cap SET @n = @cap;
    SET @d = DATEADD(day, 1, @d);
  END
  RETURN @n;
END
GO
`;

const DATA = {
  'dbo.ClosedDay': 'Day\n2026-03-10\n',
  'dbo.Job': [
    'Id,StartAt,EndAt,Cap',
    '1,2026-03-05 06:30:00,2026-03-09 08:15:40,',  // Thu 720, Fri to 15:00 480, weekend, Mon 75
    '2,2026-03-09 18:30:00,2026-03-11 07:00:59,600', // Mon 30, Tue closed, Wed 07:00-07:00:59 is 0
    '3,2026-03-12 09:00:00,2026-03-13 14:00:00,500', // 600 capped to 500, +420 capped again
    '4,2026-03-14 10:00:00,2026-03-15 10:00:00,',  // Saturday to Sunday
    '5,,2026-03-15 10:00:00,',                       // NULL start: the loop never runs
    '6,2026-03-12 12:00:00,2026-03-11 12:00:00,',  // reversed
  ].join('\n') + '\n',
};

describe('a WHILE loop inlined into a query per row', () => {
  it('computes each day from the variables the statements before it set, under IF/ELSE guards (NULL as false)', async () => {
    const sent: string[] = [];
    const run = EngineSession.prototype.run;
    const all = EngineSession.prototype.all;
    const spyRun = jest.spyOn(EngineSession.prototype, 'run').mockImplementation(function (this: EngineSession, sql, params) {
      sent.push(sql);
      return run.call(this, sql, params);
    });
    const spyAll = jest.spyOn(EngineSession.prototype, 'all').mockImplementation(function (this: EngineSession, sql, params) {
      sent.push(sql);
      return all.call(this, sql, params);
    });
    try {
      const r = await runBody('SELECT Id, dbo.CoverMinutes(StartAt, EndAt, Cap) AS Minutes FROM dbo.Job ORDER BY Id', { tables: TABLES, csv: DATA });
      expect(resultRows(r)).toEqual([
        { Id: 1, Minutes: 1275 }, { Id: 2, Minutes: 30 }, { Id: 3, Minutes: 500 },
        { Id: 4, Minutes: 0 }, { Id: 5, Minutes: 0 }, { Id: 6, Minutes: 0 },
      ]);
    } finally {
      spyRun.mockRestore();
      spyAll.mockRestore();
    }
    // Each statement of the body reads the last one's variables as columns: substituting their SQL
    // instead copied it under every CASE and IF (a query DuckDB took seconds to plan, or never did).
    const loop = sent.filter((q) => q.includes('WITH RECURSIVE'));
    expect(loop.length).toBeGreaterThan(0);
    for (const q of loop) expect(q.length).toBeLessThan(20_000);
  });
});
