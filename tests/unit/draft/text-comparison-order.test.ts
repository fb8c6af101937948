import { draftAgainstEmulator } from './emulator-parity';

// Text compared with < > <= >= or BETWEEN (`WHERE Surname BETWEEN 'A' AND 'M'`, a range of
// account codes, `Code > @last`) was refused by every draft. It is drafted now as the emulator
// compares it: by the collation's order (case and trailing blanks ignored, accents after the
// letters), stopping where two values first differ at punctuation, which SQL Server's default
// collations order otherwise, exactly where the emulator refuses.
const DDL = `CREATE TABLE dbo.Account (AccountId int NOT NULL, Code varchar(12) NOT NULL, Holder nvarchar(40) NULL);
CREATE TABLE dbo.Picked (AccountId int NOT NULL, Band varchar(10) NOT NULL);`;
const accounts = (rows: [number, string, string][]) => ({
  name: 'dbo.Account', columns: ['AccountId:int', 'Code:text', 'Holder:text?'], rows,
  csv: `AccountId,Code,Holder\n${rows.map((r) => r.map((v) => (typeof v === 'string' && /[,"]/.test(v) ? `"${v}"` : v)).join(',')).join('\n')}\n`,
});
// Case variants, trailing blanks, accents, digits against letters, and punctuation every default
// collation orders as code points do (a shared beginning, a symbol before a letter).
const ORDINARY = accounts([
  [1, 'abc', 'Ångström'], [2, 'ABC  ', 'andersen'], [3, 'Abd', 'Zola'], [4, 'ab9', 'émile'], [5, 'AB', 'Emile'],
  [6, 'A.B', 'O\'Brien'], [7, 'm', 'Mack'], [8, 'MZ', 'mack'], [9, 'N1', 'Ng-Lee'], [10, 'zz', 'Ng'],
]);
const PICKED = { name: 'dbo.Picked', columns: ['AccountId:int', 'Band:text'] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T
  @From varchar(12) = 'AB',
  @To   varchar(12) = 'm'
AS
BEGIN
${body}
END`;

describe('drafts of text compared by order', () => {
  it.each([
    ['BETWEEN parameters', "  INSERT INTO dbo.Picked (AccountId, Band) SELECT a.AccountId, 'in' FROM dbo.Account a WHERE a.Code BETWEEN @From AND @To;"],
    ['NOT BETWEEN constants', "  INSERT INTO dbo.Picked (AccountId, Band) SELECT a.AccountId, 'out' FROM dbo.Account a WHERE a.Code NOT BETWEEN 'Ab' AND 'abc';"],
    ['< > <= >= in CASE', `  INSERT INTO dbo.Picked (AccountId, Band)
  SELECT a.AccountId, CASE WHEN a.Code < 'ABC' THEN 'lt' WHEN a.Code <= 'abc' THEN 'le' WHEN a.Code >= 'N' THEN 'ge' ELSE 'gt' END FROM dbo.Account a;`],
    ['!< and !> between columns, accents and NULL', `  INSERT INTO dbo.Picked (AccountId, Band)
  SELECT a.AccountId, CASE WHEN a.Holder !< N'emile' THEN 'nl' WHEN a.Holder !> N'Émile' THEN 'ng' ELSE 'neither' END FROM dbo.Account a;`],
  ])('gives %s as the emulator does', async (_what, body) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [ORDINARY], output: PICKED });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator.length).toBeGreaterThan(2);
    expect(r.draft).toEqual(r.emulator);
  });

  it('orders case variants as equal and an accented letter after its plain one', async () => {
    const body = `  INSERT INTO dbo.Picked (AccountId, Band)
  SELECT a.AccountId, CASE WHEN a.Code < 'abc' THEN 'lt' WHEN a.Code > 'abc' THEN 'gt' ELSE 'eq' END FROM dbo.Account a WHERE a.AccountId IN (1, 2, 3, 5);`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [ORDINARY], output: PICKED });
    expect(r.draft).toEqual(['1|eq', '2|eq', '3|gt', '5|lt']);
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['a hyphen against a letter', [[1, 'AB-C', 'x'], [2, 'ABB', 'y']], "a.Code < 'ABB'", /proc\.sql:7:52: text < text: ordering text whose first difference is punctuation.*'AB-C' and 'ABB'$/],
    ['an underscore against a digit, through BETWEEN', [[1, 'A_1', 'x'], [2, 'A10', 'y']], "a.Code BETWEEN 'A10' AND 'B'", /proc\.sql:7:52: text >= text: ordering text whose first difference is punctuation.*'A_1' and 'A10'$/],
  ] as const)('stops at %s where the emulator refuses, naming both values', async (_what, rows, where, stop) => {
    const body = `  INSERT INTO dbo.Picked (AccountId, Band)
  SELECT a.AccountId, 'x' FROM dbo.Account a WHERE ${where};`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [accounts(rows.map((x) => [...x]))], output: PICKED }, { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/ordering text whose first difference is punctuation/);
    expect(r.draftError).toMatch(stop);
  });
});

describe('drafts of MIN/MAX of text over a window', () => {
  const WINDOWED = accounts([
    [1, 'beta', 'North'], [2, 'Alpha', 'North'], [3, 'ángel', 'North'], [4, 'Zed', 'South'], [5, 'zed9', 'South'], [6, 'm.1', 'South'], [7, 'M2', 'South'],
  ]);
  it.each([
    ['MIN over a partition', 'MIN(a.Code) OVER (PARTITION BY a.Holder)'],
    ['MAX over a partition', 'MAX(a.Code) OVER (PARTITION BY a.Holder)'],
    ['a running MAX', 'MAX(a.Code) OVER (PARTITION BY a.Holder ORDER BY a.AccountId ROWS UNBOUNDED PRECEDING)'],
  ])('gives %s as the emulator does', async (_what, value) => {
    const body = `  INSERT INTO dbo.Picked (AccountId, Band) SELECT a.AccountId, ${value} FROM dbo.Account a;`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [WINDOWED], output: PICKED });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toHaveLength(7);
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops where punctuation decides a partition\'s extreme, where the emulator refuses', async () => {
    const body = '  INSERT INTO dbo.Picked (AccountId, Band) SELECT a.AccountId, MAX(a.Code) OVER (PARTITION BY a.Holder) FROM dbo.Account a;';
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [accounts([[1, 'AB-C', 'x'], [2, 'ABB', 'x'], [3, 'A', 'y']])], output: PICKED }, { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/ordering text whose first difference is punctuation/);
    expect(r.draftError).toMatch(/proc\.sql:7:64: MAX\(\): ordering text whose first difference is punctuation.*'AB-C' and 'abb'|'ABB' and 'ab-c'/);
  });
});
