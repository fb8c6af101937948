import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An `@Orders xml` parameter of the captured procedure: `--param @Orders=orders.xml` reads the
// document from the file (as a table-valued parameter reads a .csv), other text is the document.
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'capture-xml-'));
  mkdirSync(join(ws, 'procedures'));
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures', 'tables.sql'), 'CREATE TABLE dbo.OrderLines (OrderId int, Sku varchar(10), Qty int, Amount decimal(9,2))\nGO\n');
  writeFileSync(join(ws, 'procedures', 'usp_ImportOrders.sql'), [
    'CREATE PROCEDURE dbo.usp_ImportOrders @Orders xml AS',
    'BEGIN',
    '  INSERT INTO dbo.OrderLines (OrderId, Sku, Qty, Amount)',
    "  SELECT o.value('@Id', 'int'), l.value('@Sku', 'varchar(10)'), l.value('(Qty)[1]', 'int'), l.value('(Amount/text())[1]', 'decimal(9,2)')",
    "  FROM @Orders.nodes('/Orders/Order') AS t(o)",
    "  CROSS APPLY o.nodes('Line') AS u(l);",
    'END', '',
  ].join('\n'));
  writeFileSync(join(ws, 'data', 'dbo.OrderLines.csv'), 'OrderId,Sku,Qty,Amount\n');
  return ws;
}

const DOC = '<?xml version="1.0"?>\n<Orders>\n  <Order Id="5">\n    <Line Sku="A&amp;B"><Qty>2</Qty><Amount>1.5</Amount></Line>\n    <Line Sku="C"><Qty>1</Qty></Line>\n  </Order>\n</Orders>\n';

describe('migrate capture with an xml parameter', () => {
  it('reads --param @Orders=file.xml as the document and shreds it', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'orders.xml'), DOC);
    const out = join(ws, 'out');
    const r = await runMigrate(['capture', 'dbo.usp_ImportOrders', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'),
      '--param', `@Orders=${join(ws, 'orders.xml')}`, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'dbo.OrderLines.csv'), 'utf8').trim().split('\n')).toEqual(['OrderId,Sku,Qty,Amount', '5,A&B,2,1.50', '5,C,1,']);
  });

  it('takes other text as the document itself, and names a missing .xml file', async () => {
    const ws = workspace();
    const base = ['capture', 'dbo.usp_ImportOrders', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures')];
    const inline = await runMigrate([...base, '--param', '@Orders=<Orders><Order Id="1"><Line Sku="Z"><Qty>3</Qty></Line></Order></Orders>', '--out', join(ws, 'out1')]);
    expect(inline.code).toBe(0);
    expect(readFileSync(join(ws, 'out1', 'dbo.OrderLines.csv'), 'utf8').trim().split('\n')).toEqual(['OrderId,Sku,Qty,Amount', '1,Z,3,']);
    const missing = await runMigrate([...base, '--param', `@Orders=${join(ws, 'nope.xml')}`, '--out', join(ws, 'out2')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--param @Orders=.*nope\.xml: no such file/);
    expect(missing.err).not.toMatch(/\n\s+at /);
  });

  it('holds the indented document as SQL Server converts text to xml, read back as text', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'procedures', 'usp_KeepOrders.sql'), [
      'CREATE TABLE dbo.[Order Message] ([Body Text] nvarchar(max))',
      'GO',
      'CREATE PROCEDURE dbo.usp_KeepOrders @Orders xml AS',
      'BEGIN',
      '  INSERT INTO dbo.[Order Message] ([Body Text]) VALUES (CAST(@Orders AS nvarchar(max)));',
      'END', '',
    ].join('\n'));
    writeFileSync(join(ws, 'data', 'dbo.Order Message.csv'), 'Body Text\n');
    writeFileSync(join(ws, 'orders.xml'), DOC);
    const out = join(ws, 'out');
    const r = await runMigrate(['capture', 'dbo.usp_KeepOrders', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'),
      '--param', `@Orders=${join(ws, 'orders.xml')}`, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // the declaration and the white space between elements are gone, as SQL Server stores untyped xml
    expect(readFileSync(join(out, 'dbo.Order Message.csv'), 'utf8')).toContain('<Orders><Order Id=""5""><Line Sku=""A&amp;B""><Qty>2</Qty><Amount>1.5</Amount></Line><Line Sku=""C""><Qty>1</Qty></Line></Order></Orders>');
  });
});
