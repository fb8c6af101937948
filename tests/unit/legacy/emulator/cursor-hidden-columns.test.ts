import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A cursor that sees changes, ordered by columns it does not return: OPEN carries the ORDER BY
// values (and the table's key) as hidden columns, so a loop that changes the row it is on goes
// on as when the ORDER BY columns are selected, and every other change is still refused.

const INVOICES = `CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, InvoiceDate date NOT NULL, DueDate date NULL, OpenAmount decimal(12,2) NOT NULL)
GO`;

const ROWS = `INSERT INTO dbo.Invoice VALUES
  (9001, 42, '2024-03-01', NULL, 100.00), (9002, 42, '2024-01-15', '2024-02-15', 40.00),
  (9003, 42, '2024-02-01', NULL, 80.00), (9004, 77, '2024-01-05', NULL, 60.00), (9005, 77, '2024-01-20', NULL, 25.00);`;

const VARS = "DECLARE @inv int, @open decimal(12,2), @apply decimal(12,2), @order varchar(100);";

/** Allocates @pay to customer @cust's open invoices through `cursor` (a DECLARE of inv over InvoiceId, OpenAmount), in @order the invoices fetched. */
function allocate(cursor: string, extra = ''): string {
  return `SET @order = '';
${cursor}
OPEN inv;
FETCH NEXT FROM inv INTO @inv, @open;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @apply = CASE WHEN @open < @pay THEN @open ELSE @pay END;
  UPDATE dbo.Invoice SET OpenAmount = OpenAmount - @apply WHERE InvoiceId = @inv;
  ${extra}
  SET @pay = @pay - @apply;
  SET @order = @order + CAST(@inv AS varchar(10)) + ',';
  FETCH NEXT FROM inv INTO @inv, @open;
END
CLOSE inv; DEALLOCATE inv;`;
}

const FIFO = `DECLARE inv CURSOR LOCAL FAST_FORWARD FOR
  SELECT InvoiceId, OpenAmount FROM dbo.Invoice WHERE CustomerId = @cust AND OpenAmount > 0 ORDER BY InvoiceDate, InvoiceId;`;

async function refusal(body: string, tables = INVOICES): Promise<LegacyError> {
  const err = await runBody(body, { tables }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  expect((err as LegacyError).code).toBe('LEGACY_UNSUPPORTED');
  expect((err as LegacyError).location?.span?.start.line).toBeGreaterThan(1);
  return err as LegacyError;
}

describe('cursors ordered by columns they do not return', () => {
  it('allocates a payment oldest invoice first while paying down the invoice it is on', async () => {
    const r = await runBody(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 130.00;
${allocate(FIFO)}
SELECT InvoiceId, OpenAmount FROM dbo.Invoice WHERE CustomerId = 42 ORDER BY InvoiceId;
SELECT @order AS fetched;`, { tables: INVOICES });
    expect(resultRows(r)).toEqual([{ InvoiceId: 9001, OpenAmount: 90 }, { InvoiceId: 9002, OpenAmount: 0 }, { InvoiceId: 9003, OpenAmount: 0 }]);
    expect(resultRows(r, 1)).toEqual([{ fetched: '9002,9003,9001,' }]);
  });

  it('goes on for a cursor re-opened per customer (its rows read once for every customer), with an ORDER BY DESC and a selected alias', async () => {
    const r = await runBody(`${ROWS}
${VARS}
DECLARE @cust int, @pay decimal(12,2), @all varchar(200) = '';
DECLARE cust CURSOR LOCAL STATIC FOR SELECT DISTINCT CustomerId FROM dbo.Invoice ORDER BY CustomerId;
OPEN cust; FETCH NEXT FROM cust INTO @cust;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @pay = 50.00;
  ${allocate('DECLARE inv CURSOR LOCAL FOR SELECT InvoiceId AS Id, OpenAmount FROM dbo.Invoice WHERE CustomerId = @cust AND OpenAmount > 0 ORDER BY InvoiceDate DESC, Id;')}
  SET @all = @all + @order + '|';
  FETCH NEXT FROM cust INTO @cust;
END
CLOSE cust; DEALLOCATE cust;
SELECT @all AS fetched;`, { tables: INVOICES });
    expect(resultRows(r)).toEqual([{ fetched: '9001,9003,9002,|9005,9004,|' }]);
  });

  it('returns only the selected columns: FETCH INTO counts them, SELECT * included', async () => {
    const r = await runBody(`${ROWS}
DECLARE @id int, @c int, @d date, @due date, @amt decimal(12,2), @seen varchar(100) = '';
DECLARE inv CURSOR LOCAL FOR SELECT * FROM dbo.Invoice WHERE CustomerId = 77 ORDER BY InvoiceDate DESC;
OPEN inv; FETCH NEXT FROM inv INTO @id, @c, @d, @due, @amt;
WHILE @@FETCH_STATUS = 0
BEGIN
  UPDATE dbo.Invoice SET OpenAmount = 0 WHERE InvoiceId = @id;
  SET @seen = @seen + CAST(@id AS varchar(10)) + ',';
  FETCH NEXT FROM inv INTO @id, @c, @d, @due, @amt;
END
SELECT @seen AS seen;`, { tables: INVOICES });
    expect(resultRows(r)).toEqual([{ seen: '9005,9004,' }]);
    const err = await refusal(`${ROWS}
DECLARE @id int, @amt decimal(12,2), @d date;
DECLARE inv CURSOR LOCAL FOR SELECT InvoiceId, OpenAmount FROM dbo.Invoice ORDER BY InvoiceDate;
OPEN inv; FETCH NEXT FROM inv INTO @id, @amt, @d;`);
    expect(err.message).toMatch(/FETCH INTO 3 variables from a cursor of 2 columns/);
  });

  it('updates WHERE CURRENT OF a cursor whose ORDER BY columns are hidden', async () => {
    const r = await runBody(`${ROWS}
DECLARE @id int, @amt decimal(12,2), @pay decimal(12,2) = 70.00;
DECLARE inv CURSOR LOCAL FOR SELECT InvoiceId, OpenAmount FROM dbo.Invoice WHERE CustomerId = 42 ORDER BY InvoiceDate FOR UPDATE OF OpenAmount;
OPEN inv; FETCH NEXT FROM inv INTO @id, @amt;
WHILE @@FETCH_STATUS = 0 AND @pay > 0
BEGIN
  UPDATE dbo.Invoice SET OpenAmount = OpenAmount - CASE WHEN @amt < @pay THEN @amt ELSE @pay END WHERE CURRENT OF inv;
  SET @pay = @pay - CASE WHEN @amt < @pay THEN @amt ELSE @pay END;
  FETCH NEXT FROM inv INTO @id, @amt;
END
SELECT InvoiceId, OpenAmount FROM dbo.Invoice WHERE CustomerId = 42 ORDER BY InvoiceId;`, { tables: INVOICES });
    expect(resultRows(r)).toEqual([{ InvoiceId: 9001, OpenAmount: 100 }, { InvoiceId: 9002, OpenAmount: 0 }, { InvoiceId: 9003, OpenAmount: 50 }]);
  });

  it('goes on over a table without a key, the ORDER BY values telling the rows apart', async () => {
    const heap = INVOICES.replace('InvoiceId int NOT NULL PRIMARY KEY', 'InvoiceId int NOT NULL');
    const r = await runBody(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 45.00;
${allocate(FIFO)}
SELECT @order AS fetched;`, { tables: heap });
    expect(resultRows(r)).toEqual([{ fetched: '9002,9003,9001,' }]);
  });
});

describe('changes the hidden ORDER BY values cannot vouch for, still refused', () => {
  it.each([
    ['moves the ORDER BY date of an invoice not fetched yet', "UPDATE dbo.Invoice SET InvoiceDate = '2024-01-01' WHERE InvoiceId = 9001;"],
    ['deletes an invoice not fetched yet', 'DELETE FROM dbo.Invoice WHERE InvoiceId = 9001;'],
  ])('refuses when the loop %s', async (_what, change) => {
    const err = await refusal(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 500.00;
${allocate(FIFO, change)}`);
    expect(err.message).toMatch(/FETCH from the cursor inv after the loop changed rows it has not fetched yet/);
  });

  it('refuses when the loop moves the ORDER BY date of the invoice it is on (it may sort after the current position)', async () => {
    const err = await refusal(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 10.00;
${allocate(FIFO, "UPDATE dbo.Invoice SET InvoiceDate = '2024-01-20' WHERE InvoiceId = @inv;")}`);
    expect(err.message).toMatch(/FETCH from the cursor inv after the loop changed or added a row before the rows left to fetch/);
  });

  it('refuses when two fetched invoices trade their ORDER BY dates (each date still a fetched one)', async () => {
    // Nothing is paid (the rows stay). At 9003 (2024-02-01) the loop gives it 9002's date and
    // 9002 its own: by values alone the rows before the cursor are the fetched ones, but the row
    // it is on now sorts first.
    const swap = `IF @inv = 9003 UPDATE dbo.Invoice SET InvoiceDate = CASE InvoiceId WHEN 9003 THEN '2024-01-15' ELSE '2024-02-01' END WHERE InvoiceId IN (9002, 9003);`;
    const byDate = FIFO.replace('ORDER BY InvoiceDate, InvoiceId', 'ORDER BY InvoiceDate');
    const err = await refusal(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 0.00;
${allocate(byDate, swap)}`);
    expect(err.message).toMatch(/FETCH from the cursor inv after the loop changed or added a row before the rows left to fetch/);
  });

  it('refuses when the ORDER BY values tie at OPEN', async () => {
    const err = await refusal(`${ROWS}
UPDATE dbo.Invoice SET InvoiceDate = '2024-02-01' WHERE InvoiceId = 9001;
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 10.00;
${allocate(FIFO.replace('ORDER BY InvoiceDate, InvoiceId', 'ORDER BY InvoiceDate'))}`);
    expect(err.message).toMatch(/FETCH from the cursor inv after the loop changed or added a row before the rows left to fetch/);
  });

  it('refuses when the cursor is ordered by an expression (not carried)', async () => {
    const err = await refusal(`${ROWS}
${VARS}
DECLARE @cust int = 42, @pay decimal(12,2) = 10.00;
${allocate(FIFO.replace('ORDER BY InvoiceDate, InvoiceId', 'ORDER BY ISNULL(DueDate, InvoiceDate), InvoiceId'))}`);
    expect(err.message).toMatch(/FETCH from the cursor inv after the loop changed or added a row before the rows left to fetch/);
  });
});
