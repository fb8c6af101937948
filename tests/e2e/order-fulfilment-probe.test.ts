import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An order-fulfilment back end: web orders arrive as JSON, shredded with OPENJSON … WITH and a
// nested lines array read AS JSON then CROSS APPLY OPENJSON again (its [key] the line index), a
// carrier document built with FOR JSON PATH (dotted names, INCLUDE_NULL_VALUES,
// WITHOUT_ARRAY_WRAPPER). FOR JSON used to be refused; OPENJSON's [key] compared
// case-insensitively, where SQL Server compares it under Latin1_General_BIN2.
const TABLES = `CREATE TABLE dbo.OrderInbox (InboxId int NOT NULL PRIMARY KEY, Payload nvarchar(max) NULL);
GO
CREATE TABLE [Fulfilment].[Order Line] (OrderId int NOT NULL, LineNum int NOT NULL, Sku varchar(40) NOT NULL, Qty int NOT NULL,
  UnitPrice decimal(10,2) NOT NULL, DiscountPct float NULL, LineAmount decimal(12,2) NULL, Attributes nvarchar(400) NULL,
  CONSTRAINT PK_OrderLine PRIMARY KEY (OrderId, LineNum));
GO
CREATE TABLE dbo.CarrierDoc (OrderId int NOT NULL PRIMARY KEY, Doc nvarchar(max) NULL, GiftKeys int NULL);
GO
`;
const PROC = `CREATE PROCEDURE [Fulfilment].[usp_Shred Orders]
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO [Fulfilment].[Order Line] (OrderId, LineNum, Sku, Qty, UnitPrice, DiscountPct, LineAmount, Attributes)
    SELECT i.InboxId, CAST(l.[key] AS int) + 1, UPPER(LTRIM(RTRIM(d.sku))), d.qty, d.unitPrice, d.discountPct,
           ROUND(d.qty * d.unitPrice * (1 - ISNULL(d.discountPct, 0)), 2), d.attrs
    FROM dbo.OrderInbox i
    CROSS APPLY OPENJSON(i.Payload, '$.lines') l
    CROSS APPLY OPENJSON(l.value) WITH (sku varchar(40) '$.sku', qty int '$.qty', unitPrice decimal(10,2) '$.unitPrice',
                                        discountPct float '$.discountPct', attrs nvarchar(max) '$.attributes' AS JSON) d
    WHERE ISJSON(i.Payload) = 1;

    INSERT INTO dbo.CarrierDoc (OrderId, Doc, GiftKeys)
    SELECT i.InboxId,
           (SELECT i.InboxId AS [order.id], JSON_VALUE(i.Payload, '$.orderNo') AS [order.no],
                   (SELECT SUM(x.LineAmount) FROM [Fulfilment].[Order Line] x WHERE x.OrderId = i.InboxId) AS [amounts.lines],
                   CAST(CASE WHEN JSON_VALUE(i.Payload, '$.giftWrap') = 'true' THEN 1 ELSE 0 END AS bit) AS [amounts.gift],
                   JSON_VALUE(i.Payload, '$.notes') AS notes,
                   (SELECT ol.Sku AS sku, ol.Qty AS qty FROM [Fulfilment].[Order Line] ol WHERE ol.OrderId = i.InboxId ORDER BY ol.LineNum FOR JSON PATH) AS lines
            FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES),
           (SELECT COUNT(*) FROM OPENJSON(i.Payload) k WHERE k.[key] = 'giftwrap')
    FROM dbo.OrderInbox i
    WHERE ISJSON(i.Payload) = 1;
END
GO
`;
const INBOX = [
  'InboxId,Payload',
  '1001,"{""orderNo"":""SO-1001"",""giftWrap"":true,""notes"":""a/b \\""x\\"""",""lines"":[{""sku"":"" app.mug.wht.os "",""qty"":1,""unitPrice"":24.99,""discountPct"":0.1,""attributes"":{""engraving"":""Bob""}},{""sku"":""HOME.CANDLE.RED.L"",""qty"":4,""unitPrice"":12.345}]}"',
  '1002,"{""orderNo"":""SO-1002"",""lines"":[{""sku"":""APP.TSHIRT.BLU.M"",""qty"":3,""unitPrice"":19.99,""discountPct"":0.15}]}"',
  '1003,not json',
  '',
].join('\n');

describe('an order-fulfilment JSON back end through capture', () => {
  let ws: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'fulfilment-probe-'));
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures', 'tables.sql'), `CREATE SCHEMA Fulfilment;\nGO\n${TABLES}`);
    writeFileSync(join(ws, 'procedures', 'usp_Shred Orders.sql'), PROC);
    writeFileSync(join(ws, 'data', 'dbo.OrderInbox.csv'), INBOX);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('shreds the lines and writes the carrier document as SQL Server does', async () => {
    const out = join(ws, 'out');
    const r = await runMigrate(['capture', '[Fulfilment].[usp_Shred Orders]', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // '12.345' to decimal(10,2) rounds to 12.35; 24.99 * (1 - 0.1e0) = 22.491 rounds to 22.49.
    expect(readFileSync(join(out, 'Fulfilment.Order Line.csv'), 'utf8').split('\n')).toEqual([
      'OrderId,LineNum,Sku,Qty,UnitPrice,DiscountPct,LineAmount,Attributes',
      '1001,1,APP.MUG.WHT.OS,1,24.99,0.1,22.49,"{""engraving"":""Bob""}"',
      '1001,2,HOME.CANDLE.RED.L,4,12.35,,49.40,',
      '1002,1,APP.TSHIRT.BLU.M,3,19.99,0.15,50.97,',
      '',
    ]);
    // Nested objects by dotted names, NULL written as null, a nested FOR JSON embedded as JSON,
    // "/" escaped as \\/; [key] = 'giftwrap' finds no "giftWrap" under the binary collation.
    expect(readFileSync(join(out, 'dbo.CarrierDoc.csv'), 'utf8').split('\n')).toEqual([
      'OrderId,Doc,GiftKeys',
      '1001,"{""order"":{""id"":1001,""no"":""SO-1001""},""amounts"":{""lines"":71.89,""gift"":true},""notes"":""a\\/b \\""x\\"""",""lines"":[{""sku"":""APP.MUG.WHT.OS"",""qty"":1},{""sku"":""HOME.CANDLE.RED.L"",""qty"":4}]}",0',
      '1002,"{""order"":{""id"":1002,""no"":""SO-1002""},""amounts"":{""lines"":50.97,""gift"":false},""notes"":null,""lines"":[{""sku"":""APP.TSHIRT.BLU.M"",""qty"":3}]}",0',
      '',
    ]);
  });
});
