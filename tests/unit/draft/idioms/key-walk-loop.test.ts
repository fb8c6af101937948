import { draftOf } from '../draft-harness';
import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';

/*
 * Idiom (g): a WHILE walking a table's keys by hand (SELECT TOP (1) @id = k … WHERE k > @last
 * ORDER BY k, or MIN(k) … WHERE k > @id) running per-key statements. Each draft runs against
 * the emulator's run of the loop on keys with gaps, NULLs, duplicates (a non-unique column:
 * `> @last` skips them, so each key's statements run once) and keys at or below the start
 * value of @last (never visited).
 */

const ddl = `CREATE TABLE dbo.Employee (EmployeeId int NULL, Dept varchar(10) NULL);
CREATE TABLE dbo.Sale (EmployeeId int NULL, Amount decimal(10,2) NULL);
CREATE TABLE dbo.Bonus (EmployeeId int NOT NULL, Amount decimal(10,2) NULL, Note varchar(10) NULL);
CREATE SYNONYM dbo.Staff FOR dbo.Employee;`;
const EMPLOYEE = { name: 'dbo.Employee', columns: ['EmployeeId:int?', 'Dept:text?'] };
const SALE = { name: 'dbo.Sale', columns: ['EmployeeId:int?', 'Amount:decimal(10,2)?'] };
const BONUS = { name: 'dbo.Bonus', columns: ['EmployeeId:int', 'Amount:decimal(10,2)?', 'Note:text?'] };
// 3 twice (a duplicate key), NULL twice, gaps, and -5 and 0, which `> 0` never reaches.
const EMPLOYEE_CSV = 'EmployeeId,Dept\n7,A\n,A\n3,A\n-5,A\n12,B\n3,B\n0,A\n,B\n1,B\n';
const SALE_CSV = 'EmployeeId,Amount\n3,100.00\n3,50.00\n7,20.00\n12,500.00\n-5,9.00\n0,8.00\n,7.00\n1,1.00\n40,4.00\n';

const perKey = `
    INSERT INTO dbo.Bonus (EmployeeId, Amount) SELECT s.EmployeeId, s.Amount FROM dbo.Sale s WHERE s.EmployeeId = @id;
    UPDATE dbo.Bonus SET Note = 'high' WHERE EmployeeId = @id AND Amount >= 100;`;

const parity = (body: string): ParityCase => ({
  ddl,
  procedure: `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`,
  inputs: [{ ...EMPLOYEE, csv: EMPLOYEE_CSV }, { ...SALE, csv: SALE_CSV }],
  output: BONUS,
});

const ALL_PAST_ZERO = ['1|1.00|NULL', '12|500.00|high', '3|100.00|high', '3|50.00|NULL', '7|20.00|NULL'];

describe('idiom (g): a WHILE walking keys, drafted against the emulator', () => {
  it.each<[string, string, string[]]>([
    ['TOP (1) … ORDER BY, SET @id = NULL, IF @id IS NULL BREAK, SET @last = @id', `
  DECLARE @id int = 0, @last int = 0;
  WHILE 1 = 1
  BEGIN
    SET @id = NULL;
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;
    IF @id IS NULL BREAK;${perKey}
    SET @last = @id;
  END`, ALL_PAST_ZERO],
    ['TOP 1 on one variable, IF @@ROWCOUNT = 0 BREAK, a condition beside the step', `
  DECLARE @id int;
  SET @id = -100;
  WHILE 1 = 1
  BEGIN
    SELECT TOP 1 @id = e.EmployeeId FROM dbo.Employee e WHERE e.Dept = 'A' AND @id < e.EmployeeId ORDER BY e.EmployeeId ASC;
    IF @@ROWCOUNT = 0 BREAK;${perKey}
  END`, ['-5|9.00|NULL', '0|8.00|NULL', '3|100.00|high', '3|50.00|NULL', '7|20.00|NULL']],
    ['WHILE EXISTS over the same FROM and WHERE', `
  DECLARE @id int, @last int = 0;
  WHILE EXISTS (SELECT 1 FROM dbo.Employee WHERE EmployeeId > @last)
  BEGIN
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;${perKey}
    SELECT @last = @id;
  END`, ALL_PAST_ZERO],
    ['ORDER BY … DESC with < @last, downwards from a bound', `
  DECLARE @id int, @last int = 10;
  WHILE 1 = 1
  BEGIN
    SET @id = NULL;
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId < @last ORDER BY EmployeeId DESC;
    IF @id IS NULL BREAK;${perKey}
    SET @last = @id;
  END`, ['-5|9.00|NULL', '0|8.00|NULL', '1|1.00|NULL', '3|100.00|high', '3|50.00|NULL', '7|20.00|NULL']],
    ['MIN past @last, then MIN past @id', `
  DECLARE @id int, @last int = 0;
  SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId > @last;
  WHILE @id IS NOT NULL
  BEGIN${perKey}
    SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId > @id;
  END`, ALL_PAST_ZERO],
    ['MIN past @id itself (its value before the first MIN), then MIN past @id', `
  DECLARE @id int = 0;
  SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId > @id;
  WHILE @id IS NOT NULL
  BEGIN${perKey}
    SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId > @id;
  END`, ALL_PAST_ZERO],
    ['TOP (1) with an upper bound beside the step', `
  DECLARE @id int, @last int = 0, @max int = 7;
  WHILE 1 = 1
  BEGIN
    SET @id = NULL;
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId <= @max AND EmployeeId > @last ORDER BY EmployeeId;
    IF @id IS NULL BREAK;${perKey}
    SET @last = @id;
  END`, ['1|1.00|NULL', '3|100.00|high', '3|50.00|NULL', '7|20.00|NULL']],
    ['MIN over a department, from the smallest key', `
  DECLARE @id int;
  SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE Dept = 'B';
  WHILE @id IS NOT NULL
  BEGIN${perKey}
    SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE Dept = 'B' AND EmployeeId > @id;
  END`, ['1|1.00|NULL', '12|500.00|high', '3|100.00|high', '3|50.00|NULL']],
    ['a NULL @last before the loop (no key compares greater)', `
  DECLARE @id int, @last int;
  WHILE 1 = 1
  BEGIN
    SET @id = NULL;
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;
    IF @id IS NULL BREAK;${perKey}
    SET @last = @id;
  END`, []],
  ])('%s', async (_name, body, rows) => {
    const r = await draftAgainstEmulator(parity(body));
    expect(r.emulatorError).toBeUndefined();
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(rows.slice().sort());
  });

  it('names idiom (g) in the draft header', () => {
    const body = draftOf(parity(`DECLARE @id int = 0, @last int = 0;
  WHILE 1 = 1 BEGIN SET @id = NULL;
    SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;
    IF @id IS NULL BREAK;${perKey}
    SET @last = @id; END`).procedure, { ddl, inputs: [EMPLOYEE, SALE], output: BONUS });
    expect(body.refusals).toEqual([]);
    expect(body.idioms.join('\n')).toMatch(/\(g\) WHILE walking a table's keys/);
  });
});

describe('idiom (g): walks that cannot be shown to visit each key once are refused, located', () => {
  const walkLoop = (opts: { declare?: string; step?: string; before?: string; body?: string; end?: string }): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE ${opts.declare ?? '@id int = 0, @last int = 0'};
  WHILE 1 = 1
  BEGIN
    ${opts.before ?? 'SET @id = NULL;'}
    ${opts.step ?? 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;'}
    IF @id IS NULL BREAK;${opts.body ?? perKey}
    ${opts.end ?? 'SET @last = @id;'}
  END
END`;
  it.each<[string, string, RegExp]>([
    ['ORDER BY DESC with > @last (TOP (1) would take the largest key every time)',
      walkLoop({ step: 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId DESC;' }), /7:\d+ .*compare EmployeeId < a variable/],
    ['>= @last (the last key again)', walkLoop({ step: 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId >= @last ORDER BY EmployeeId;' }), /7:\d+ .*compare EmployeeId > a variable/],
    ['ORDER BY another column', walkLoop({ step: 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last ORDER BY Dept;' }), /7:\d+ .*ORDER BY must be the assigned column/],
    ['the body changing the walked table', walkLoop({ body: `${perKey}\n    UPDATE dbo.Employee SET Dept = 'C' WHERE EmployeeId = @id;` }), /the loop changes dbo\.employee, the table whose keys it walks/i],
    ['the body changing the walked table through a synonym', walkLoop({ body: `${perKey}\n    UPDATE dbo.Staff SET Dept = 'C' WHERE EmployeeId = @id;` }), /7:\d+ .*the loop changes dbo\.Employee \(through dbo\.Staff\), the table whose keys it walks/],
    ['@last set in the body besides the step', walkLoop({ body: `${perKey}\n    SET @last = @last + 1;` }), /@last is assigned inside the walk besides its step/],
    ['the body reading @last (the previous key)', walkLoop({ body: `${perKey}\n    INSERT INTO dbo.Bonus (EmployeeId, Amount) VALUES (@id, @last);` }), /@last is read before the iteration assigns it/],
    ['IF @id IS NULL BREAK without SET @id = NULL (the last key would repeat)', walkLoop({ before: '' }), /IF @id IS NULL BREAK after SET @id = NULL/],
    ['no SET @last = @id at the end', walkLoop({ end: '' }), /must end with SET @last = @id/],
    ['a key variable narrower than the column', walkLoop({ declare: '@id tinyint = 0, @last int = 0' }), /the walked column and @id must be integers/],
    ['a text key (ordered by its collation)', walkLoop({ declare: "@id varchar(10) = '', @last varchar(10) = ''", step: 'SELECT TOP (1) @id = Dept FROM dbo.Employee WHERE Dept > @last ORDER BY Dept;', body: '\n    INSERT INTO dbo.Bonus (EmployeeId, Note) SELECT e.EmployeeId, e.Dept FROM dbo.Employee e WHERE e.Dept = @id;' }), /text > text: ordering of text|the walked column and @id must be integers/],
    ['SET @id = NULL, then a step past @id itself (past NULL: no key)', walkLoop({ step: 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @id ORDER BY EmployeeId;', end: '' }), /7:\d+ .*compares with @id right after SET @id = NULL/],
    ['a second variable assigned from the TOP (1) row (which of the tied rows is not defined)', walkLoop({ declare: '@id int = 0, @last int = 0, @dept varchar(10)', step: 'SELECT TOP (1) @id = EmployeeId, @dept = Dept FROM dbo.Employee WHERE EmployeeId > @last ORDER BY EmployeeId;' }), /4:\d+ WHILE loop/],
    ['the walk\'s WHERE reading the key variable beside the step', walkLoop({ step: 'SELECT TOP (1) @id = EmployeeId FROM dbo.Employee WHERE EmployeeId > @last AND EmployeeId <> ISNULL(@id, 0) ORDER BY EmployeeId;' }), /7:\d+ .*WHERE reads @id or the last key beside the step/],
    ['a MIN walk whose condition reads the walked variable (evaluated anew at every key)', `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @id int = 0;
  SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId <> @id + 3;
  WHILE @id IS NOT NULL
  BEGIN${perKey}
    SELECT @id = MIN(EmployeeId) FROM dbo.Employee WHERE EmployeeId <> @id + 3 AND EmployeeId > @id;
  END
END`, /9:\d+ .*the walk's condition reads @id, the key it walks/],
  ])('%s', (_name, procedure, reason) => {
    const body = draftOf(procedure, { ddl, inputs: [EMPLOYEE, SALE], output: BONUS });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('\n')).toMatch(reason);
  });
});

describe('idiom (g) over date and datetime keys', () => {
  const dayDdl = `CREATE TABLE dbo.Shift ([Day] date NULL, [At] datetime NULL, Hours int NULL);
CREATE TABLE dbo.DayTotal ([Day] date NOT NULL, Hours int NULL);`;
  const SHIFT = { name: 'dbo.Shift', columns: ['Day:date?', 'At:timestamp?', 'Hours:int?'] };
  const TOTAL = { name: 'dbo.DayTotal', columns: ['Day:date', 'Hours:int?'] };
  const walkDays = (declare: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE ${declare};
  WHILE 1 = 1
  BEGIN
    SET @d = NULL;
    SELECT TOP (1) @d = [Day] FROM dbo.Shift WHERE [Day] > @last ORDER BY [Day];
    IF @d IS NULL BREAK;
    INSERT INTO dbo.DayTotal ([Day], Hours) SELECT s.[Day], s.Hours FROM dbo.Shift s WHERE s.[Day] = @d;
    SET @last = @d;
  END
END`;

  it('walks each day once past the start, against the emulator', async () => {
    const r = await draftAgainstEmulator({
      ddl: dayDdl,
      procedure: walkDays("@d date, @last date = '20240101'"),
      inputs: [{ ...SHIFT, csv: 'Day,At,Hours\n2024-01-03,,8\n2024-01-03,,4\n,,9\n2023-12-31,,1\n2024-02-10,,6\n' }],
      output: TOTAL,
    });
    expect(r.emulatorError).toBeUndefined();
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['2024-01-03|4', '2024-01-03|8', '2024-02-10|6']);
  });

  it('walks each datetime once in datetime variables, against the emulator', async () => {
    const r = await draftAgainstEmulator({
      ddl: `${dayDdl}
CREATE TABLE dbo.AtTotal ([At] datetime NOT NULL, Hours int NULL);`,
      procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @d datetime, @last datetime = '20240101';
  WHILE 1 = 1
  BEGIN
    SET @d = NULL;
    SELECT TOP (1) @d = [At] FROM dbo.Shift WHERE [At] > @last ORDER BY [At];
    IF @d IS NULL BREAK;
    INSERT INTO dbo.AtTotal ([At], Hours) SELECT s.[At], s.Hours + DATEPART(second, s.[At]) FROM dbo.Shift s WHERE s.[At] = @d;
    SET @last = @d;
  END
END`,
      inputs: [{ ...SHIFT, csv: 'Day,At,Hours\n2024-01-03,2024-01-03 10:00:20,8\n2024-01-04,2024-01-03 10:00:40,4\n2024-01-05,2024-01-03 10:00:40,1\n2024-01-06,,9\n2023-12-31,2023-12-31 23:00:00,1\n' }],
      output: { name: 'dbo.AtTotal', columns: ['At:timestamp', 'Hours:int?'] },
    });
    expect(r.emulatorError).toBeUndefined();
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft?.map((x) => x.replace(/^.*\|/, '')).sort()).toEqual(['28', '41', '44']);
  });

  it('refuses a datetime key held in a smalldatetime (rounded to the minute, it would revisit keys)', () => {
    const procedure = walkDays("@d smalldatetime, @last smalldatetime = '20240101'").replaceAll('[Day] FROM dbo.Shift WHERE [Day] > @last ORDER BY [Day]', '[At] FROM dbo.Shift WHERE [At] > @last ORDER BY [At]')
      .replace('SELECT s.[Day], s.Hours FROM dbo.Shift s WHERE s.[Day] = @d', 'SELECT s.[Day], s.Hours FROM dbo.Shift s WHERE s.[At] = @d');
    const body = draftOf(procedure, { ddl: dayDdl, inputs: [SHIFT], output: TOTAL });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => r.reason).join('\n')).toMatch(/the walked column and @d must be/);
  });
});
