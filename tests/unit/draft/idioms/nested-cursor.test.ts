import { draftOf } from '../draft-harness';
import { draftAgainstEmulator } from '../emulator-parity';

// A weekly payroll of 2012: a cursor over employees opens a cursor over that employee's weeks,
// computes the week's pay from the fetched hours and the employee's rate and overtime band, and
// INSERTs one row per week. Idiom (f) refused it ("DeclareCursor inside a cursor over entities");
// the inner cursor is now a level of its own: its query joined to the employees, every week's
// statements run once for all, as long as no pass carries a value to the next one.
const DDL = `CREATE TABLE dbo.Employee ([Employee ID] int NOT NULL PRIMARY KEY, [Hourly Rate] money NOT NULL, [Overtime Band] tinyint NOT NULL);
CREATE TABLE dbo.[Week Hours] ([Employee ID] int NOT NULL, [Week Start] date NOT NULL, Hours decimal(7,2) NOT NULL);
CREATE TABLE dbo.[Band Factor] (Band tinyint NOT NULL, Factor decimal(4,2) NOT NULL);
CREATE TABLE dbo.[Pay Line] ([Employee ID] int NOT NULL, [Week Start] date NOT NULL, [Regular Hours] decimal(7,2) NOT NULL, [Overtime Hours] decimal(7,2) NOT NULL, [Gross Pay] money NOT NULL);`;

const proc = (innerBody: string, innerQuery = 'SELECT w.[Week Start], w.Hours FROM dbo.[Week Hours] w WHERE w.[Employee ID] = @EmpID ORDER BY w.[Week Start]', after = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @EmpID int, @Rate money, @Band tinyint, @WeekStart date, @Hours decimal(7,2), @Reg decimal(7,2), @OT decimal(7,2), @Gross money, @Run money;
  DECLARE emp_cur CURSOR LOCAL FAST_FORWARD FOR
    SELECT e.[Employee ID], e.[Hourly Rate], e.[Overtime Band] FROM dbo.Employee e ORDER BY e.[Employee ID];
  OPEN emp_cur;
  FETCH NEXT FROM emp_cur INTO @EmpID, @Rate, @Band;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @Run = 0;
    DECLARE wk_cur CURSOR LOCAL FAST_FORWARD FOR ${innerQuery};
    OPEN wk_cur;
    FETCH NEXT FROM wk_cur INTO @WeekStart, @Hours;
    WHILE @@FETCH_STATUS = 0
    BEGIN
${innerBody}
      FETCH NEXT FROM wk_cur INTO @WeekStart, @Hours;
    END
    CLOSE wk_cur;
    DEALLOCATE wk_cur;
${after}
    FETCH NEXT FROM emp_cur INTO @EmpID, @Rate, @Band;
  END
  CLOSE emp_cur;
  DEALLOCATE emp_cur;
END`;

const PAY = `      SET @Reg = CASE WHEN @Hours > 40 THEN 40 ELSE @Hours END;
      SET @OT = @Hours - @Reg;
      SET @Gross = @Reg * @Rate + CASE WHEN @Band = 2 AND @OT > 10 THEN 10 * @Rate * 1.5 + (@OT - 10) * @Rate * 2 ELSE @OT * @Rate * 1.5 END;
      IF @Hours > 0
        INSERT INTO dbo.[Pay Line] ([Employee ID], [Week Start], [Regular Hours], [Overtime Hours], [Gross Pay])
        VALUES (@EmpID, @WeekStart, @Reg, @OT, ROUND(@Gross, 2));`;

const employees = {
  name: 'dbo.Employee', columns: ['Employee ID:int', 'Hourly Rate:decimal(19,4)', 'Overtime Band:int'],
  rows: [['1', '21.3333', '1'], ['2', '18.7551', '2'], ['3', '35.0000', '1'], ['4', '12.1250', '2']],
  csv: 'Employee ID,Hourly Rate,Overtime Band\n1,21.3333,1\n2,18.7551,2\n3,35.0000,1\n4,12.1250,2\n',
};
const HOURS: [string, string, string][] = [['1', '2024-02-26', '42.25'], ['2', '2024-02-26', '56.33'], ['2', '2024-03-04', '0.00'], ['3', '2024-02-26', '7.00'], ['3', '2024-03-04', '8.00'], ['4', '2024-02-26', '41.00'], ['4', '2024-03-04', '55.55']];
const hours = {
  name: 'dbo.Week Hours', columns: ['Employee ID:int', 'Week Start:date', 'Hours:decimal(7,2)'], rows: HOURS,
  csv: `Employee ID,Week Start,Hours\n${HOURS.map((r) => r.join(',')).join('\n')}\n`,
};
const OUT = { name: 'dbo.Pay Line', columns: ['Employee ID:int', 'Week Start:date', 'Regular Hours:decimal(7,2)', 'Overtime Hours:decimal(7,2)', 'Gross Pay:decimal(19,4)'] };

describe('idiom (f): a cursor over an entity\'s rows opened inside the cursor over entities', () => {
  it('drafts the pay of every week of every employee as the emulator computes it', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(PAY), inputs: [employees, hours], output: OUT });
    expect(r.emulatorError).toBeUndefined();
    // 40 x 21.3333 + 2.25 x 21.3333 x 1.5 = 925.3318875 -> 925.3319 (money) -> 925.33; band 2 past ten overtime hours at double time
    expect(r.emulator).toEqual([
      '1|2024-02-26|40.00|2.25|925.3300', '2|2024-02-26|40.00|16.33|1268.9700', '3|2024-02-26|7.00|0.00|245.0000', '3|2024-03-04|8.00|0.00|280.0000',
      '4|2024-02-26|40.00|1.00|503.1900', '4|2024-03-04|40.00|15.55|801.4600',
    ]);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('reads the entity\'s values where the inner query\'s join condition names them', async () => {
    const joined = 'SELECT w.[Week Start], w.Hours * f.Factor FROM dbo.[Week Hours] w JOIN dbo.[Band Factor] f ON f.Band = @Band WHERE w.[Employee ID] = @EmpID';
    const factors = { name: 'dbo.Band Factor', columns: ['Band:int', 'Factor:decimal(4,2)'], rows: [['1', '1.00'], ['2', '0.50']], csv: 'Band,Factor\n1,1.00\n2,0.50\n' };
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(PAY, joined), inputs: [employees, hours, factors], output: OUT });
    expect(r.emulatorError).toBeUndefined();
    // band 2 counts half its hours: 56.33 x 0.50 = 28.165 -> 28.17 (decimal(7,2) rounds), 41.00 -> 20.50, 55.55 -> 27.775 -> 27.78; pay rounded to cents
    expect(r.emulator).toEqual(expect.arrayContaining(['2|2024-02-26|28.17|0.00|528.3300', '4|2024-02-26|20.50|0.00|248.5600', '4|2024-03-04|27.78|0.00|336.8300']));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  // code older than TRY … CATCH closes both cursors and returns when the INSERT fails: on every
  // row a draft returns the INSERT succeeded, so the check is false there (error-checks.ts)
  const CHECKED = `${PAY.replace('      IF @Hours > 0\n', '')}
      IF @@ERROR <> 0
      BEGIN
        CLOSE wk_cur; DEALLOCATE wk_cur;
        CLOSE emp_cur; DEALLOCATE emp_cur;
        RETURN 1;
      END`;

  it('drafts the loops without the @@ERROR check after the INSERT, as the emulator computes them', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(CHECKED), inputs: [employees, hours], output: OUT });
    expect(r.emulatorError).toBeUndefined();
    expect(r.emulator).toContain('2|2024-03-04|0.00|0.00|0.0000'); // the week of no hours, inserted without the IF
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['an @@ERROR check that follows no INSERT, UPDATE or DELETE', PAY.replace('SET @OT = @Hours - @Reg;', 'SET @OT = @Hours - @Reg;\n      IF @@ERROR <> 0 RETURN 1;'), undefined, '', /Return inside a cursor over entities/],
    ['a running value carried from week to week', PAY.replace('SET @OT = @Hours - @Reg;', 'SET @OT = @Hours - @Reg; SET @Run = @Run + @Hours;').replace('ROUND(@Gross, 2))', 'ROUND(@Gross + @Run, 2))'), undefined, '', /@Run counts across entities and is read inside the loop/],
    ['an inner query that reads the table the loop writes', PAY, 'SELECT w.[Week Start], w.Hours FROM dbo.[Week Hours] w WHERE w.[Employee ID] = @EmpID AND NOT EXISTS (SELECT 1 FROM dbo.[Pay Line] p WHERE p.[Employee ID] = w.[Employee ID])', '', /cursor wk_cur reads dbo\.\[?pay line\]?, which the loop writes/i],
    ['an inner query that aggregates', PAY, 'SELECT w.[Week Start], SUM(w.Hours) FROM dbo.[Week Hours] w WHERE w.[Employee ID] = @EmpID GROUP BY w.[Week Start]', '', /only a plain SELECT … FROM … WHERE/],
    ['a fetched value read after the inner loop (the last row\'s)', PAY, undefined, '    INSERT INTO dbo.[Pay Line] ([Employee ID], [Week Start], [Regular Hours], [Overtime Hours], [Gross Pay]) VALUES (@EmpID, @WeekStart, 0, 0, 0);', /@WeekStart is read here but set in the loop over cursor wk_cur: after it, its value is the last row's/],
  ])('refuses %s, located', (_what, body, innerQuery, after, message) => {
    const drafted = draftOf(proc(body, innerQuery, after), { ddl: DDL, inputs: [employees, hours], output: OUT });
    expect(drafted.refusals.map((r) => r.reason).join('\n')).toMatch(message);
  });
});
