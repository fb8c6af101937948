import { draftBody, draftSection, splitPlaceholders, type DraftBody, type DraftInput } from '../../../src/draft';
import { defineTransform, EngineSession, parseColumnType, parseValueText, runTransformResult, table, valuesEqual, type ColumnType } from '../../../src/engine';
import { emulateSection } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, type HarnessTable } from './draft-harness';

/*
 * The values a drafted section hands to later sections (Transform.values): each is the variable
 * as the section's statements leave it, as the draft substitutes it where a statement reads it:
 * a plain SET or one-row SELECT, an IF over variables (the branch that does not set it keeps the
 * earlier value), another carried value, a watermark lookup (no row keeps the earlier value, a
 * NULL column assigns NULL, several rows stop the query at the SELECT). Each drafted value is run
 * through the engine (computeDeclaredValues, as `migrate test` and `migrate run` do) and compared
 * with what the emulator leaves in the variable at the end of the same lines. Refused, at that
 * statement: a loop, a SELECT over rows in an ORDER BY, UPDATE … SET @v, an IF whose other branch
 * keeps a value set before the section.
 */

// An actuarial development triangle: the KPI section (lines 8-22) reads claim payments and the
// development factors, writes one row per development year and leaves the period end (the month's
// end in monthly mode), the latest development year and the next one, the mean payment, a label,
// a band and the latest year's factor to the later sections (line 24 on). Its DECLAREs (and a
// first value of some, so the section alone does not show their types) are an earlier section's.
const PROC = `CREATE PROCEDURE dbo.usp_T @AsOf date, @Mode char(1) AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @PeriodEnd date, @MaxDev int, @MeanPaid decimal(10,2), @PaidWhole int;
    DECLARE @Label varchar(6), @Band varchar(10), @FirstYear int, @NextDev int, @Basis varchar(10);
    DECLARE @Pass int = 0, @Factor decimal(9,4), @LastPaid decimal(12,2);
    SET @MeanPaid = 0; SET @Label = ''; SET @Basis = 'PAID';
    SELECT @PeriodEnd = MAX(cp.PaidDate) FROM dbo.ClaimPayment cp WHERE cp.PaidDate <= @AsOf;
    SELECT @MaxDev = MAX(cp.DevYear), @MeanPaid = AVG(cp.Paid) FROM dbo.ClaimPayment cp;
    SELECT @PaidWhole = SUM(cp.Paid) FROM dbo.ClaimPayment cp;
    SET @Label = 'DEV' + CONVERT(varchar(8), @AsOf, 112);
    INSERT INTO dbo.DevKpi (DevYear, TotalPaid)
        SELECT cp.DevYear, SUM(cp.Paid) FROM dbo.ClaimPayment cp GROUP BY cp.DevYear;
    IF @MaxDev > 2 SET @Band = 'LONG' ELSE SET @Band = 'SHORT';
    IF @Mode = 'M' SET @PeriodEnd = EOMONTH(@PeriodEnd);
    SET @Factor = 1.0;
    SELECT @Factor = f.Factor FROM dbo.DevFactor f WHERE f.DevYear = @MaxDev;
    SET @NextDev = @MaxDev + 1;
    IF @Mode = 'Q' SET @Basis = 'INCURRED';
    SELECT @FirstYear = cp.AccidentYear FROM dbo.ClaimPayment cp ORDER BY cp.AccidentYear DESC;
    UPDATE dbo.ClaimPayment SET @LastPaid = Paid, Paid = Paid WHERE DevYear = 3;
    WHILE @Pass < 3 SET @Pass = @Pass + 1;

    INSERT INTO dbo.RunLog (PeriodEnd, MaxDev, MeanPaid, PaidWhole, Label, Band, Factor, NextDev, Basis, FirstYear, LastPaid, Pass)
        VALUES (@PeriodEnd, @MaxDev, @MeanPaid, @PaidWhole, @Label, @Band, @Factor, @NextDev, @Basis, @FirstYear, @LastPaid, @Pass);
END`;
const DDL = `CREATE TABLE dbo.ClaimPayment (AccidentYear int NOT NULL, DevYear int NOT NULL, PaidDate date NOT NULL, Paid decimal(12,2) NOT NULL);
CREATE TABLE dbo.DevFactor (DevYear int NOT NULL, Factor decimal(9,4) NULL);
CREATE TABLE dbo.DevKpi (DevYear int NOT NULL, TotalPaid decimal(38,2) NULL);`;
const PAYMENTS: HarnessTable = {
  name: 'dbo.ClaimPayment', columns: ['AccidentYear:int', 'DevYear:int', 'PaidDate:date', 'Paid:decimal(12,2)'],
  rows: [[2021, 1, '2021-12-20', 100.25], [2021, 2, '2022-12-15', 40.1], [2021, 3, '2023-12-31', 10.33], [2022, 1, '2022-12-15', 120.5], [2022, 2, '2023-12-31', 35.75], [2023, 1, '2023-12-31', 99.99]],
};
const FACTORS: HarnessTable = { name: 'dbo.DevFactor', columns: ['DevYear:int', 'Factor:decimal(9,4)?'] };
const KPI: HarnessTable = { name: 'dbo.DevKpi', columns: ['DevYear:int', 'TotalPaid:decimal(38,2)?'] };
const SECTION = { start: 8, end: 22 };
const VALUES: Readonly<Record<string, string>> = {
  '@PeriodEnd': 'date?', '@MaxDev': 'int?', '@MeanPaid': 'decimal(10,2)?', '@PaidWhole': 'int?', '@Label': 'text?', '@Band': 'text?', '@Factor': 'decimal(9,4)?',
  '@NextDev': 'int?', '@Basis': 'text?', '@FirstYear': 'int?', '@LastPaid': 'decimal(12,2)?', '@Pass': 'int?',
};

function sectionInput(values: Readonly<Record<string, string>> = VALUES, lines = SECTION): DraftInput {
  const input = draftInputOf(PROC, { ddl: DDL, inputs: [PAYMENTS, FACTORS], output: KPI, params: { '@AsOf': 'date', '@Mode': 'text?' } });
  const typed = Object.entries(values).map(([name, type]) => ({ name, type: parseColumnType(type) as ColumnType }));
  return { ...input, info: { ...input.info, values: typed }, spec: { ...input.spec, lines: [lines] } };
}

const refusalOf = (body: DraftBody, name: string): string | undefined => {
  const r = body.values?.find((v) => v.name === name)?.refusals[0];
  return r && `${r.file}:${r.line}:${r.col}: ${r.construct}: ${r.reason}`;
};

/** What the drafted SQL's placeholders are bound by (a transform's SqlContext, its value's too). */
interface Binding { readonly table: (name: never) => string; readonly param: (name: never) => string; readonly clock: () => string }

/** The drafted SQL with its placeholders bound as the transform file binds them (`${table(…)}`, `${param(…)}`). */
function bound(sql: string, ctx: Binding): string {
  return splitPlaceholders(sql).map((p) => ('text' in p ? p.text : 'table' in p ? ctx.table(p.table as never) : 'param' in p ? ctx.param(p.param as never) : ctx.clock())).join('');
}

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafted carried values of a section', () => {
  const DRAFTED = ['@PeriodEnd', '@MaxDev', '@MeanPaid', '@PaidWhole', '@Label', '@Band', '@Factor', '@NextDev'];
  const body = draftBody(sectionInput());
  const transform = defineTransform({
    name: 'dbo.usp_T/01-t',
    inputs: { 'dbo.ClaimPayment': table({ AccidentYear: 'int', DevYear: 'int', PaidDate: 'date', Paid: 'decimal(12,2)' }), 'dbo.DevFactor': table({ DevYear: 'int', Factor: 'decimal(9,4)?' }) },
    outputName: 'dbo.DevKpi',
    output: table({ DevYear: 'int', TotalPaid: 'decimal(38,2)?' }),
    params: { '@AsOf': 'date', '@Mode': 'text?' },
    sql: (ctx) => bound(body.sql as string, ctx),
    values: Object.fromEntries(DRAFTED.map((name) => [name, { type: VALUES[name] as 'int?', sql: (ctx: Binding) => bound(body.values?.find((v) => v.name === name)?.sql as string, ctx) }])),
  });
  const rowsOf = (t: HarnessTable, names: readonly string[]): Record<string, unknown>[] => (t.rows ?? []).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
  const run = (mode: string | null, factors: HarnessTable['rows']): ReturnType<typeof runTransformResult> => runTransformResult(session, transform, {
    'dbo.ClaimPayment': rowsOf(PAYMENTS, ['AccidentYear', 'DevYear', 'PaidDate', 'Paid']), 'dbo.DevFactor': rowsOf({ ...FACTORS, rows: factors }, ['DevYear', 'Factor']),
  } as never, { '@AsOf': '2023-06-30', '@Mode': mode } as never);
  const legacyTable = (t: HarnessTable, rows = t.rows): { name: string; columns: { name: string; type: string }[]; rows: (string | null)[][] } => ({
    name: t.name, columns: t.columns.map((c) => ({ name: c.split(':')[0] as string, type: (c.split(':')[1] as string).replace(/\?$/, '') })), rows: (rows ?? []).map((r) => r.map((v) => (v === null ? null : String(v)))),
  });

  it('drafts every value the section leaves once and exactly; the others are refused', () => {
    expect(body.refusals).toEqual([]);
    expect((body.values ?? []).filter((v) => v.sql !== undefined).map((v) => v.name)).toEqual(DRAFTED);
  });

  it.each<[string, string | null, NonNullable<HarnessTable['rows']>, readonly unknown[]]>([
    // monthly: the period end moves to the month's end; the latest year's factor is one row
    ['monthly, one factor row', 'M', [[1, 1.5], [2, 1.2], [3, 1.05]], ['2022-12-31', 3, 67.82, 406, 'DEV202', 'LONG', 1.05, 4]],
    // the IF does not hold: the period end keeps the MAX; no factor row keeps the SET before it
    ['quarterly, no factor row', 'Q', [[1, 1.5]], ['2022-12-15', 3, 67.82, 406, 'DEV202', 'LONG', 1, 4]],
    // a NULL mode takes no branch; a factor row whose value is NULL assigns NULL (not the 1.0 before)
    ['no mode, a NULL factor', null, [[3, null], [2, 1.2]], ['2022-12-15', 3, 67.82, 406, 'DEV202', 'LONG', null, 4]],
  ])('%s: equal to what the emulator leaves in the variables', async (_name, mode, factors, expected) => {
    const result = await run(mode, factors);
    // the emulator creates the procedure's tables: a session of its own each run
    const own = await EngineSession.open({ threads: 1 });
    const legacy = await emulateSection({
      scripts: [parseScript(DDL, { file: 'ddl.sql' }), parseScript(PROC, { file: 'proc.sql' })], procedure: 'dbo.usp_T', lines: [SECTION],
      params: { '@AsOf': '2023-06-30', '@Mode': mode, '@MeanPaid': '0', '@Label': '' }, outputs: ['dbo.DevKpi'], session: own,
      tables: [legacyTable(PAYMENTS), legacyTable(FACTORS, factors)],
    }).finally(() => own.close());
    for (const name of DRAFTED) {
      const type = parseColumnType(VALUES[name] as string) as ColumnType;
      const text = legacy.variables.get(name.toLowerCase());
      const want = parseValueText(type, text ?? 'NULL');
      const actual = result.values.get(name.replace(/^@/, '').toLowerCase())?.value;
      expect({ name, ok: want.ok && valuesEqual(actual, want.ok ? want.value : undefined) }).toEqual({ name, ok: true });
    }
    // as SQL Server's conversions leave them: AVG rounded to the variable's 2 decimals, SUM
    // truncated to int, the text cut to varchar(6)
    expect(DRAFTED.map((n) => result.values.get(n.slice(1).toLowerCase())?.value)).toEqual(expected);
  });

  it('stops, located at the lookup, when several factor rows match', async () => {
    await expect(run('M', [[3, 1.05], [3, 1.1]])).rejects.toThrow(/proc\.sql:17:5: SELECT @v = … FROM found more than one row/);
  });

  it('refuses, located at the statement, a value left by a loop, an ORDER BY, UPDATE … SET @v, or an IF keeping a value set before the section', () => {
    expect(refusalOf(body, '@Basis')).toMatch(/^proc\.sql:19:5: @Basis: set in one branch of the IF at line 19 only, and the other keeps the value it had before the section/);
    expect(refusalOf(body, '@FirstYear')).toMatch(/^proc\.sql:20:5: @FirstYear \(value handed to later sections\): SELECT @FirstYear = … FROM … with ORDER BY reads several rows, and SQL Server keeps/);
    expect(refusalOf(body, '@LastPaid')).toMatch(/^proc\.sql:21:5: @LastPaid \(value handed to later sections\): UPDATE … SET @LastPaid = …/);
    expect(refusalOf(body, '@Pass')).toMatch(/^proc\.sql:22:21: .*: set inside the WHILE loop at line 22/);
  });

  it('refuses a value read from one UPDATE … SET @v assigned, not the value from before it', () => {
    const text = PROC.replace('    WHILE @Pass < 3 SET @Pass = @Pass + 1;', '    SET @Pass = CAST(@LastPaid AS int);');
    const input = sectionInput();
    const refused = draftBody({ ...input, text, procedure: draftInputOf(text, { ddl: DDL, inputs: [PAYMENTS, FACTORS], output: KPI }).procedure });
    expect(refusalOf(refused, '@Pass')).toMatch(/^proc\.sql:21:\d+: SET @variable in UPDATE: the variable takes a value per row/);
  });

  it('writes each drafted value into the transform and each refused one as a located notImplemented', () => {
    const text = draftSection(sectionInput({ '@MaxDev': 'int?', '@FirstYear': 'int?' }));
    expect(text).toMatch(/'@MaxDev': \{ type: 'int\?', sql: \(\{ table \}\) => `\n\s+WITH [^`]*SELECT [^`]*AS MaxDev` \},/);
    expect(text).toContain('    // NOT TRANSLATED proc.sql:20:5: @FirstYear (value handed to later sections): SELECT @FirstYear = … FROM');
    expect(text).toContain("    '@FirstYear': { type: 'int?', sql: () => notImplemented('dbo.usp_T/01-t: @FirstYear: proc.sql:20:5 @FirstYear (value handed to later sections) (SELECT @FirstYear");
  });

  it('refuses a value no statement of the section sets', () => {
    const refused = draftBody(sectionInput({ '@MaxDev': 'int?' }, { start: 8, end: 8 }));
    expect(refusalOf(refused, '@MaxDev')).toMatch(/no statement of the section sets it/);
  });
});
