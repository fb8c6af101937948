import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A pricing engine's list-price upsert into a system-versioned table. Its period columns hold the
// transaction time in UTC, so the emulator needs the server's UTC offset after --clock; `sections
// record` used to drop that offset and refuse the section, which capture ran with the same clock.
const SQL = `CREATE TABLE dbo.ProductPrice
(
    ProductId int NOT NULL PRIMARY KEY,
    ListPrice money NOT NULL,
    SysStart datetime2(7) GENERATED ALWAYS AS ROW START NOT NULL,
    SysEnd datetime2(7) GENERATED ALWAYS AS ROW END NOT NULL,
    PERIOD FOR SYSTEM_TIME (SysStart, SysEnd)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.ProductPriceHistory));
GO
CREATE PROCEDURE dbo.usp_SetListPrice @ProductId int, @Price money
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE dbo.ProductPrice SET ListPrice = ROUND(@Price, 2) WHERE ProductId = @ProductId;
END
GO
`;

describe('pricing probe: recording a write to a temporal table', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'pricing-probe-'));
    mkdirSync(join(ws, 'procedures'));
    writeFileSync(join(ws, 'procedures', 'price.sql'), SQL);
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_SetListPrice', '--root', ws])).code).toBe(0);
    const file = join(ws, 'sections', 'dbo.usp_SetListPrice', '01-product-price.feature');
    const text = readFileSync(file, 'utf8')
      .replace(/Given parameter @ProductId:int\? = TODO/, 'Given parameter @ProductId:int? = 1')
      .replace(/Given parameter @Price:decimal\(19,4\)\? = TODO/, 'Given parameter @Price:decimal(19,4)? = 2.2250')
      .replace(/(Given table dbo\.ProductPrice:\n\s*\|[^\n]*\|\n)/, '$1      | 1 | 2.4900 | 2026-10-01 00:00:00.0000000 | 9999-12-31 23:59:59.9999999 |\n');
    writeFileSync(file, text);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('keeps the UTC offset of --clock: the period starts at UTC, the tag shows the offset, check reads it', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_SetListPrice/01-product-price', '--clock', '2026-11-15T02:00:00+01:00', '--root', ws]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(join(ws, 'sections', 'dbo.usp_SetListPrice', '01-product-price.feature'), 'utf8');
    expect(text).toContain('@recorded:2026-11-15T02:00:00+01:00');
    // ROUND(money, 2) is half away from zero (2.2250 -> 2.23); the new row starts at 01:00 UTC
    expect(text).toMatch(/\|\s*1\s*\|\s*2\.2300\s*\|\s*2026-11-15 01:00:00\.0000000\s*\|\s*9999-12-31 23:59:59\.9999999\s*\|/);
    expect(text).toMatch(/\|\s*1\s*\|\s*2\.4900\s*\|\s*2026-10-01 00:00:00\.0000000\s*\|\s*2026-11-15 01:00:00\.0000000\s*\|/);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_SetListPrice', '--json', '--root', ws]);
    // the offset in the tag is a clock check reads (not SPEC_CLOCK)
    expect((JSON.parse(check.out) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual([]);
  });
});
