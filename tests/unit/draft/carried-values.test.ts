import { draftBody, draftSection, splitPlaceholders, type DraftBody, type DraftInput } from '../../../src/draft';
import { defineTransform, EngineSession, parseColumnType, parseValueText, runTransformResult, table, valuesEqual, type ColumnType } from '../../../src/engine';
import { emulateSection } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, type HarnessTable } from './draft-harness';

/*
 * The values a drafted section hands to later sections (Transform.values): drafted from the
 * statement that sets each variable last, when it runs once, unconditionally, and gives one
 * value; each drafted value is run through the engine (computeDeclaredValues, as `migrate test`
 * and `migrate run` do) and compared with what the emulator leaves in the variable at the end of
 * the same lines. Refused, at that statement, where the value is set in an IF or a loop, reads
 * another value the section hands on, or comes from a SELECT that may meet several rows.
 */

// An actuarial development triangle: the KPI section (lines 8-17) reads claim payments, writes
// one row per development year and leaves the period end, the latest development year, the mean
// payment and a label to the later sections (line 19 on). Its DECLAREs (and a first value of two
// of them, so the section alone does not show their types) are an earlier section's.
const PROC = `CREATE PROCEDURE dbo.usp_T @AsOf date AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @PeriodEnd date, @MaxDev int, @MeanPaid decimal(10,2), @PaidWhole int;
    DECLARE @Label varchar(6), @Band varchar(10), @Latest int, @NextDev int;
    DECLARE @Pass int = 0;
    SET @MeanPaid = 0; SET @Label = '';
    SELECT @PeriodEnd = MAX(cp.PaidDate) FROM dbo.ClaimPayment cp WHERE cp.PaidDate <= @AsOf;
    SELECT @MaxDev = MAX(cp.DevYear), @MeanPaid = AVG(cp.Paid) FROM dbo.ClaimPayment cp;
    SELECT @PaidWhole = SUM(cp.Paid) FROM dbo.ClaimPayment cp;
    SET @Label = 'DEV' + CONVERT(varchar(8), @AsOf, 112);
    INSERT INTO dbo.DevKpi (DevYear, TotalPaid)
        SELECT cp.DevYear, SUM(cp.Paid) FROM dbo.ClaimPayment cp GROUP BY cp.DevYear;
    IF @MaxDev > 2 SET @Band = 'LONG' ELSE SET @Band = 'SHORT';
    SELECT @Latest = cp.AccidentYear FROM dbo.ClaimPayment cp WHERE cp.DevYear = 1;
    SET @NextDev = @MaxDev + 1;
    WHILE @Pass < 3 SET @Pass = @Pass + 1;

    INSERT INTO dbo.RunLog (PeriodEnd, MaxDev, MeanPaid, PaidWhole, Label, Band, Latest, NextDev, Pass)
        VALUES (@PeriodEnd, @MaxDev, @MeanPaid, @PaidWhole, @Label, @Band, @Latest, @NextDev, @Pass);
END`;
const DDL = `CREATE TABLE dbo.ClaimPayment (AccidentYear int NOT NULL, DevYear int NOT NULL, PaidDate date NOT NULL, Paid decimal(12,2) NOT NULL);
CREATE TABLE dbo.DevKpi (DevYear int NOT NULL, TotalPaid decimal(38,2) NULL);`;
const PAYMENTS: HarnessTable = {
  name: 'dbo.ClaimPayment', columns: ['AccidentYear:int', 'DevYear:int', 'PaidDate:date', 'Paid:decimal(12,2)'],
  rows: [[2021, 1, '2021-12-31', 100.25], [2021, 2, '2022-12-31', 40.1], [2021, 3, '2023-12-31', 10.33], [2022, 1, '2022-12-31', 120.5], [2022, 2, '2023-12-31', 35.75], [2023, 1, '2023-12-31', 99.99]],
};
const KPI: HarnessTable = { name: 'dbo.DevKpi', columns: ['DevYear:int', 'TotalPaid:decimal(38,2)?'] };
const SECTION = { start: 8, end: 17 };
const VALUES: Readonly<Record<string, string>> = {
  '@PeriodEnd': 'date?', '@MaxDev': 'int?', '@MeanPaid': 'decimal(10,2)?', '@PaidWhole': 'int?', '@Label': 'text?', '@Band': 'text?', '@Latest': 'int?', '@NextDev': 'int?', '@Pass': 'int?',
};

function sectionInput(values: Readonly<Record<string, string>> = VALUES, lines = SECTION): DraftInput {
  const input = draftInputOf(PROC, { ddl: DDL, inputs: [PAYMENTS], output: KPI, params: { '@AsOf': 'date' } });
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
  const DRAFTED = ['@PeriodEnd', '@MaxDev', '@MeanPaid', '@PaidWhole', '@Label'];

  it('drafts the values set by a plain SET or a one-row aggregate SELECT, equal to what the emulator leaves in the variables', async () => {
    const body = draftBody(sectionInput());
    expect(body.refusals).toEqual([]);
    const drafted = (body.values ?? []).filter((v) => v.sql !== undefined).map((v) => v.name);
    expect(drafted).toEqual(DRAFTED);
    const transform = defineTransform({
      name: 'dbo.usp_T/01-t',
      inputs: { 'dbo.ClaimPayment': table({ AccidentYear: 'int', DevYear: 'int', PaidDate: 'date', Paid: 'decimal(12,2)' }) },
      outputName: 'dbo.DevKpi',
      output: table({ DevYear: 'int', TotalPaid: 'decimal(38,2)?' }),
      params: { '@AsOf': 'date' },
      sql: (ctx) => bound(body.sql as string, ctx),
      values: Object.fromEntries(DRAFTED.map((name) => [name, { type: VALUES[name] as 'int?', sql: (ctx: Binding) => bound(body.values?.find((v) => v.name === name)?.sql as string, ctx) }])),
    });
    const rows = (PAYMENTS.rows ?? []).map(([AccidentYear, DevYear, PaidDate, Paid]) => ({ AccidentYear, DevYear, PaidDate, Paid }));
    const run = await runTransformResult(session, transform, { 'dbo.ClaimPayment': rows } as never, { '@AsOf': '2023-06-30' });

    const legacy = await emulateSection({
      scripts: [parseScript(DDL, { file: 'ddl.sql' }), parseScript(PROC, { file: 'proc.sql' })], procedure: 'dbo.usp_T', lines: [SECTION],
      params: { '@AsOf': '2023-06-30', '@MeanPaid': '0', '@Label': '' }, outputs: ['dbo.DevKpi'], session,
      tables: [{ name: 'dbo.ClaimPayment', columns: PAYMENTS.columns.map((c) => ({ name: c.split(':')[0] as string, type: c.split(':')[1] as string })), rows: (PAYMENTS.rows ?? []).map((r) => r.map((v) => String(v))) }],
    });
    for (const name of DRAFTED) {
      const type = parseColumnType(VALUES[name] as string) as ColumnType;
      const text = legacy.variables.get(name.toLowerCase());
      const expected = parseValueText(type, text ?? 'NULL');
      const actual = run.values.get(name.replace(/^@/, '').toLowerCase())?.value;
      expect({ name, ok: expected.ok && valuesEqual(actual, expected.ok ? expected.value : undefined) }).toEqual({ name, ok: true });
    }
    // the values as SQL Server's conversions leave them: the last payment up to @AsOf, AVG rounded
    // to the variable's 2 decimals, SUM truncated to int, the text cut to varchar(6)
    expect(DRAFTED.map((n) => run.values.get(n.slice(1).toLowerCase())?.value)).toEqual(['2022-12-31', 3, 67.82, 406, 'DEV202']);
  });

  it('refuses, located at the statement, a value set in an IF, by a SELECT over several rows, reading another carried value, or in a loop', () => {
    const body = draftBody(sectionInput());
    expect(refusalOf(body, '@Band')).toMatch(/^proc\.sql:14:44: @Band \(value handed to later sections\): set only when the IF at line 14 holds/);
    expect(refusalOf(body, '@Latest')).toMatch(/^proc\.sql:15:5: @Latest \(value handed to later sections\): SELECT @Latest = … FROM … may meet no row .* or several \(SQL Server keeps the last row its plan yields\)/);
    expect(refusalOf(body, '@NextDev')).toMatch(/^proc\.sql:16:5: .*: it reads @MaxDev, another value the section hands on/);
    expect(refusalOf(body, '@Pass')).toMatch(/^proc\.sql:17:21: .*: set inside the WHILE loop at line 17/);
  });

  it('writes each drafted value into the transform and each refused one as a located notImplemented', () => {
    const text = draftSection(sectionInput({ '@MaxDev': 'int?', '@Latest': 'int?' }));
    expect(text).toMatch(/'@MaxDev': \{ type: 'int\?', sql: \(\{ table \}\) => `\n\s+WITH [^`]*SELECT [^`]*AS MaxDev` \},/);
    expect(text).toContain('    // NOT TRANSLATED proc.sql:15:5: @Latest (value handed to later sections): SELECT @Latest = … FROM');
    expect(text).toContain("    '@Latest': { type: 'int?', sql: () => notImplemented('dbo.usp_T/01-t: @Latest: proc.sql:15:5 @Latest (value handed to later sections) (SELECT @Latest");
  });

  it('refuses a value no statement of the section sets', () => {
    const body = draftBody(sectionInput({ '@MaxDev': 'int?' }, { start: 8, end: 8 }));
    expect(refusalOf(body, '@MaxDev')).toMatch(/no statement of the section sets it/);
  });
});
