import { draftBody } from '../../../src/draft';
import { EngineSession, parseColumnType, type ColumnType } from '../../../src/engine';
import { emulateSection } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// `SELECT TOP (1) @v = col FROM … WHERE … ORDER BY x DESC`, the "latest rate" / "last status"
// read: the first row in that order assigns every variable (a NULL column assigns NULL), no row
// leaves them as they were, and rows tying at the top (as SQL Server compares the ORDER BY: text
// without case or trailing blanks) with different values stop the drafted query, located at the
// TOP, since SQL Server's plan picks one. Each compared with the emulator on the same data.

type Table = HarnessTable & { readonly csv: string };
const csvOf = (t: HarnessTable): Table => ({
  ...t, csv: `${t.columns.map((c) => c.split(':')[0]).join(',')}\n${(t.rows ?? []).map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n')}\n`,
});

describe('SELECT TOP (1) @rate = …, @date = … ORDER BY RateDate DESC (an exchange rate as of a date)', () => {
  const DDL = `CREATE TABLE fx.ExchangeRate (CurrencyCode char(3) NOT NULL, RateDate date NOT NULL, Rate decimal(18,6) NULL);
CREATE TABLE ar.Invoice (InvoiceId int NOT NULL PRIMARY KEY, Amount decimal(12,2) NOT NULL);
CREATE TABLE ar.InvoiceEur (InvoiceId int NOT NULL, AmountEur decimal(18,2) NULL, RateDate date NULL);`;
  const proc = (currency: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Rate decimal(18,6) = 1.0, @RateDate date, @AsOf date = '20240315';
    SELECT TOP (1) @Rate = r.Rate, @RateDate = r.RateDate
      FROM fx.ExchangeRate r
     WHERE r.CurrencyCode = '${currency}' AND r.RateDate <= @AsOf
     ORDER BY r.RateDate DESC;
    INSERT INTO ar.InvoiceEur (InvoiceId, AmountEur, RateDate)
    SELECT i.InvoiceId, CAST(i.Amount * @Rate AS decimal(18,2)), @RateDate FROM ar.Invoice i;
END`;
  const RATES = csvOf({
    name: 'fx.ExchangeRate', columns: ['CurrencyCode:text', 'RateDate:date', 'Rate:decimal(18,6)?'],
    rows: [['EUR', '2024-03-01', 0.921], ['EUR', '2024-03-14', 0.9187], ['EUR', '2024-03-20', 0.95], ['USD', '2024-03-01', 1], ['GBP', '2024-03-15', null], ['GBP', '2024-03-10', 0.79]],
  });
  const INVOICE = csvOf({ name: 'ar.Invoice', columns: ['InvoiceId:int', 'Amount:decimal(12,2)'], rows: [[1, 100], [2, 250.5]] });
  const OUT = { name: 'ar.InvoiceEur', columns: ['InvoiceId:int', 'AmountEur:decimal(18,2)?', 'RateDate:date?'] };

  it.each([
    // the latest rate on or before the date (not the later 2024-03-20 one), and its date
    ['eur', ['1|91.87|2024-03-14', '2|230.13|2024-03-14']],
    // the latest row's rate is NULL: @Rate becomes NULL, not the rate of the row before it
    ['GBP', ['1|NULL|2024-03-15', '2|NULL|2024-03-15']],
    // no row: both variables keep their DECLARE values (1.0 and NULL)
    ['CHF', ['1|100.00|NULL', '2|250.50|NULL']],
  ])('currency %s: as the emulator', async (currency, rows) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(currency), inputs: [RATES, INVOICE], output: OUT });
    expect(r.emulator).toEqual(rows);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});

describe('SELECT TOP 1 @Status = … ORDER BY ChangedAt DESC (an order\'s last status)', () => {
  const DDL = `CREATE TABLE sales.OrderStatusHistory (OrderId int NOT NULL, ChangedAt datetime NOT NULL, Status varchar(20) NOT NULL, Code varchar(10) NOT NULL);
CREATE TABLE sales.OrderSnapshot (OrderId int NOT NULL, Status varchar(20) NULL);`;
  const proc = (order: number, key = 'h.ChangedAt DESC'): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Status varchar(20) = 'NEW';
    SELECT TOP 1 @Status = h.Status
      FROM sales.OrderStatusHistory AS h
     WHERE h.OrderId = ${order}
     ORDER BY ${key};
    INSERT INTO sales.OrderSnapshot (OrderId, Status) VALUES (${order}, @Status);
END`;
  const HISTORY = csvOf({
    name: 'sales.OrderStatusHistory', columns: ['OrderId:int', 'ChangedAt:timestamp', 'Status:text', 'Code:text'],
    rows: [
      [41, '2024-05-01 09:00:00', 'PICKED', 'b'], [41, '2024-05-02 10:30:00', 'SHIPPED', 'a'],
      // two status changes in the same instant: SQL Server's plan picks one
      [42, '2024-05-01 09:00:00', 'PICKED', 'a'], [42, '2024-05-03 08:00:00', 'SHIPPED', 'ship'], [42, '2024-05-03 08:00:00', 'CANCELLED', 'SHIP '],
      // the same change loaded twice: either row gives the same status
      [43, '2024-05-03 08:00:00', 'SHIPPED', 'y'], [43, '2024-05-03 08:00:00', 'SHIPPED', 'y'],
    ],
  });
  const OUT = { name: 'sales.OrderSnapshot', columns: ['OrderId:int', 'Status:text?'] };
  const run = (procedure: string): ReturnType<typeof draftAgainstEmulator> => draftAgainstEmulator({ ddl: DDL, procedure, inputs: [HISTORY], output: OUT });

  it.each([
    [41, ['41|SHIPPED']],
    [43, ['43|SHIPPED']], // tied rows returning the same status
    [44, ['44|NEW']], // no history: @Status keeps its DECLARE value
  ])('order %s: as the emulator', async (order, rows) => {
    const r = await run(proc(order));
    expect(r.emulator).toEqual(rows);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['two changes at the same instant', 'h.ChangedAt DESC'],
    // 'ship' and 'SHIP ' are one value to the default collation (case and trailing blanks ignored)
    ['codes equal but for case and trailing blanks', 'h.Code DESC'],
  ])('stops, located at the TOP, on %s with different statuses', async (_name, key) => {
    const r = await run(proc(42, key));
    expect(r.draftError).toMatch(/proc\.sql:5:12: TOP … ORDER BY: rows tie on the ORDER BY across the last row kept/);
  });

  it.each([
    ['TOP (2)', 'TOP (2) @Status = h.Status', 'ORDER BY h.ChangedAt DESC', /^5:12 TOP: only TOP \(1\)/],
    ['TOP … PERCENT', 'TOP 1 PERCENT @Status = h.Status', 'ORDER BY h.ChangedAt DESC', /^5:12 TOP: only TOP \(1\)/],
    ['TOP … WITH TIES', 'TOP 1 WITH TIES @Status = h.Status', 'ORDER BY h.ChangedAt DESC', /^5:12 TOP: only TOP \(1\)/],
    ['TOP without ORDER BY', 'TOP 1 @Status = h.Status', '', /^5:12 TOP: TOP without ORDER BY/],
    ['ORDER BY without TOP', '@Status = h.Status', 'ORDER BY h.ChangedAt DESC', /^5:5 SELECT @v = … FROM … ORDER BY: not an aggregate/],
    ['ORDER BY a position', 'TOP 1 @Status = h.Status', 'ORDER BY 1', /^8:\d+ ORDER BY 1: a position/],
    ['ORDER BY a binary value', 'TOP 1 @Status = h.Status', 'ORDER BY h.RowVer DESC', /^8:\d+ ORDER BY: ordering a binary value/],
  ])('refuses %s', (_name, head, order, why) => {
    const text = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Status varchar(20) = 'NEW';
    SELECT ${head}
      FROM sales.OrderStatusHistory AS h
     WHERE h.OrderId = 42
     ${order};
    INSERT INTO sales.OrderSnapshot (OrderId, Status) VALUES (42, @Status);
END`;
    const ddl = DDL.replace('Code varchar(10) NOT NULL', 'Code varchar(10) NOT NULL, RowVer binary(8) NULL');
    const body = draftOf(text, { ddl, inputs: [{ ...HISTORY, columns: [...HISTORY.columns, 'RowVer:text?'] }], output: OUT });
    expect(body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(why)]);
  });
});

describe('a carried value set by SELECT TOP (1) … ORDER BY', () => {
  // the section (lines 4-8) reads the latest closing balance and hands it to the next section
  const DDL = `CREATE TABLE gl.ClosingBalance (AccountId int NOT NULL, PeriodEnd date NOT NULL, Balance money NULL);
CREATE TABLE gl.Posting (AccountId int NOT NULL, Amount money NOT NULL);`;
  const PROC = `CREATE PROCEDURE dbo.usp_T @AccountId int AS
BEGIN
    DECLARE @Opening money, @OpenedAt date;
    SET @Opening = 0;
    SELECT TOP (1) @Opening = b.Balance, @OpenedAt = b.PeriodEnd
      FROM gl.ClosingBalance b WHERE b.AccountId = @AccountId ORDER BY b.PeriodEnd DESC;
    INSERT INTO gl.Posting (AccountId, Amount) VALUES (@AccountId, 0);
    SELECT @OpenedAt AS OpenedAt;
END`;
  const BALANCE: HarnessTable = { name: 'gl.ClosingBalance', columns: ['AccountId:int', 'PeriodEnd:date', 'Balance:decimal(19,4)?'], rows: [[7, '2024-01-31', 120.5], [7, '2024-02-29', 98.25], [8, '2024-01-31', null], [9, '2024-02-29', 1], [9, '2024-02-29', 2]] };
  const POSTING: HarnessTable = { name: 'gl.Posting', columns: ['AccountId:int', 'Amount:decimal(19,4)'], rows: [] };
  const input = draftInputOf(PROC, { ddl: DDL, inputs: [BALANCE, POSTING], output: POSTING, params: { '@AccountId': 'int' } });
  const body = draftBody({ ...input, info: { ...input.info, values: [{ name: '@Opening', type: parseColumnType('decimal(19,4)?') as ColumnType }] }, spec: { ...input.spec, lines: [{ start: 4, end: 7 }] } });
  const valueSql = body.values?.find((v) => v.name === '@Opening')?.sql;

  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  it.each([[7, '98.2500'], [8, 'NULL'], [6, '0.0000']])('account %s: the value the emulator leaves in @Opening', async (account, value) => {
    expect(body.refusals).toEqual([]);
    expect(valueSql).toBeDefined();
    const own = await EngineSession.open({ threads: 1 });
    const legacy = await emulateSection({
      scripts: [parseScript(DDL, { file: 'ddl.sql' }), parseScript(PROC, { file: 'proc.sql' })], procedure: 'dbo.usp_T', lines: [{ start: 4, end: 7 }],
      params: { '@AccountId': String(account) }, outputs: ['gl.Posting'], session: own,
      tables: [BALANCE, POSTING].map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.split(':')[0] as string, type: (c.split(':')[1] as string).replace(/\?$/, '') })), rows: (t.rows ?? []).map((r) => r.map((v) => (v === null ? null : String(v)))) })),
    }).finally(() => own.close());
    expect(legacy.variables.get('@opening') ?? 'NULL').toEqual(value);
    // the draft's DECIMAL(19,4) reads back without trailing zeros
    const [drafted] = await runDraft(session, { ...body, sql: valueSql }, [BALANCE, POSTING], { '@AccountId': String(account) });
    expect(value === 'NULL' ? drafted : Number(drafted)).toEqual(value === 'NULL' ? value : Number(value));
  });

  it('stops, located at the TOP, on two balances of one period end', async () => {
    await expect(runDraft(session, { ...body, sql: valueSql }, [BALANCE, POSTING], { '@AccountId': '9' })).rejects.toThrow(/proc\.sql:5:12: TOP … ORDER BY: rows tie/);
  });
});
