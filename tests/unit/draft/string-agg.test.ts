import { draftAgainstEmulator, type ParityCase } from './emulator-parity';
import { draftOf } from './draft-harness';

// STRING_AGG(value, separator) [WITHIN GROUP (ORDER BY …)]: NULLs skipped with their separator,
// text ordered by the collation ('a' before 'B'), numbers as their digits; each draft runs against
// the emulator's result for the same rows. Where SQL Server's order is open (values tied on the
// WITHIN GROUP keys, or no WITHIN GROUP, that differ) the draft stops at the STRING_AGG's
// file:line:col, and past 8000 bytes it stops as SQL Server does.
const DDL = `CREATE TABLE dbo.OrderLine (OrderId int NOT NULL, LineNo int NOT NULL, Sku varchar(10) NULL, Qty int NULL);
CREATE TABLE dbo.OrderSkus (OrderId int NOT NULL, Skus varchar(8000) NULL, Qtys nvarchar(4000) NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const LINE = { name: 'dbo.OrderLine', columns: ['OrderId:int', 'LineNo:int', 'Sku:text?', 'Qty:int?'] };
const OUT = { name: 'dbo.OrderSkus', columns: ['OrderId:int', 'Skus:text?', 'Qtys:text?'] };
const LINES_CSV = 'OrderId,LineNo,Sku,Qty\n1,1,B-2,5\n1,2,a-1,\n1,3,,7\n1,4,C-3,-2\n2,1,,1\n3,1,x,\n';

const aggCase = (csv: string, skus = "STRING_AGG(o.Sku, ', ') WITHIN GROUP (ORDER BY o.Sku)", qtys = "STRING_AGG(o.Qty, ';') WITHIN GROUP (ORDER BY o.LineNo DESC)"): ParityCase => ({
  ddl: DDL,
  procedure: proc(`INSERT INTO dbo.OrderSkus (OrderId, Skus, Qtys)
SELECT o.OrderId, ${skus}, ${qtys}
FROM dbo.OrderLine o
GROUP BY o.OrderId;`),
  inputs: [{ ...LINE, csv }],
  output: OUT,
});

describe('STRING_AGG drafted against the emulator', () => {
  it('in the WITHIN GROUP order (text by the collation), NULLs skipped, only NULLs give NULL', async () => {
    const r = await draftAgainstEmulator(aggCase(LINES_CSV));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.emulator).toEqual(['1|a-1, B-2, C-3|-2;7;5', '2|NULL|1', '3|x|NULL']);
  });

  it('without WITHIN GROUP over one value per group: that value', async () => {
    const r = await draftAgainstEmulator(aggCase('OrderId,LineNo,Sku,Qty\n1,1,A,5\n1,2,A,\n2,1,B,1\n', "STRING_AGG(o.Sku, '+')", "STRING_AGG(o.Qty, '+')"));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['1|A+A|5', '2|B|1']);
  });

  it.each<[string, string, string]>([
    ['values tied on the WITHIN GROUP keys', 'OrderId,LineNo,Sku,Qty\n1,1,A,5\n1,1,B,6\n', "STRING_AGG(o.Sku, ',') WITHIN GROUP (ORDER BY o.LineNo)"],
    ['text keys equal under the collation', 'OrderId,LineNo,Sku,Qty\n1,1,a,5\n1,2,A,6\n', "STRING_AGG(o.Qty, ',') WITHIN GROUP (ORDER BY o.Sku)"],
    ['no WITHIN GROUP over two values', 'OrderId,LineNo,Sku,Qty\n1,1,A,5\n1,2,B,6\n', "STRING_AGG(o.Sku, ',')"],
  ])('%s: the draft stops at the STRING_AGG\'s file:line:col', async (_what, csv, agg) => {
    const r = await draftAgainstEmulator(aggCase(csv, agg, 'NULL'));
    expect(r.draft).toBeUndefined();
    expect(r.draftError).toMatch(/proc\.sql:4:19: STRING_AGG over values that tie on its WITHIN GROUP order/);
  });

  it('past 8000 bytes of varchar(n): stops with SQL Server\'s error', async () => {
    const csv = `OrderId,LineNo,Sku,Qty\n${Array.from({ length: 900 }, (_, i) => `1,${i},SKU-${String(i).padStart(5, '0')},1`).join('\n')}\n`;
    const r = await draftAgainstEmulator(aggCase(csv, "STRING_AGG(o.Sku, ',') WITHIN GROUP (ORDER BY o.LineNo)", 'NULL'));
    expect(r.draftError).toMatch(/proc\.sql:4:19: STRING_AGG aggregation result exceeded the limit of 8000 bytes/);
    expect(r.emulatorError).toMatch(/Msg 9829, .*STRING_AGG aggregation result exceeded the limit of 8000 bytes/);
  });

  it('past 8000 bytes of a value CAST to varchar(max): no limit, as the emulator', async () => {
    const csv = `OrderId,LineNo,Sku,Qty\n${Array.from({ length: 900 }, (_, i) => `1,${i},SKU-${String(i).padStart(5, '0')},1`).join('\n')}\n`;
    const r = await draftAgainstEmulator({ ...aggCase(csv, "LEFT(STRING_AGG(CAST(o.Sku AS varchar(max)), ',') WITHIN GROUP (ORDER BY o.LineNo DESC), 21)", "CAST(LEN(STRING_AGG(CAST(o.Sku AS varchar(max)), ',') WITHIN GROUP (ORDER BY o.LineNo)) AS nvarchar(10))") });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['1|SKU-00899,SKU-00898,S|8999']);
  });

  it.each<[string, string, RegExp]>([
    ['a separator that is a column', 'STRING_AGG(o.Sku, o.Sku)', /STRING_AGG\(\): the separator must be a literal or a variable/],
    ['a value of another type than text or a number', "STRING_AGG(o.Qty * 1.5e0, ',')", /STRING_AGG\(\): the float value's text/],
  ])('refuses %s', (_what, agg, reason) => {
    const body = draftOf(proc(`INSERT INTO dbo.OrderSkus (OrderId, Skus)\nSELECT o.OrderId, ${agg} FROM dbo.OrderLine o GROUP BY o.OrderId;`), { ddl: DDL, inputs: [LINE], output: { name: 'dbo.OrderSkus', columns: ['OrderId:int', 'Skus:text?'] } });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n')).toMatch(reason);
  });
});
