import type { OrderCheck } from '../../../src/legacy/order-check';
import { captureWithOrderCheck } from './order-check-run';

// Capture's order check runs a procedure again with tied rows reversed. Tied rows reading
// [fee, refund, fee] (or [fee, fee, refund, fee]) read the same reversed, and a rotation misses
// the second: a de-duplicating ROW_NUMBER, a TOP (1), STRING_AGG and a cursor keeping its last row
// gave one value in both runs while SQL Server may give another (tie-disputes.ts).
const TABLES = `CREATE TABLE dbo.[Fee Ledger] ([Entry Id] int NOT NULL PRIMARY KEY, [Acct No] varchar(10) NOT NULL, [Posted On] int NOT NULL, [Entry Reason] varchar(20) NOT NULL)
GO
`;

function ledger(reasons: readonly string[]): string {
  return `Entry Id,Acct No,Posted On,Entry Reason\n${reasons.map((r, i) => `${i + 1},ACME,5,${r}`).join('\n')}\n`;
}

async function orderCheck(body: string, reasons: readonly string[]): Promise<OrderCheck> {
  const proc = `CREATE PROCEDURE dbo.[usp Last Reason] AS
BEGIN
  SET NOCOUNT ON;
  ${body}
END
GO
`;
  const { check } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'usp_last_reason.sql': proc }, 'dbo.[usp Last Reason]', { 'dbo.[Fee Ledger]': ledger(reasons) });
  return check;
}

const PATTERNS: Record<string, string> = {
  'ROW_NUMBER() = 1': `;WITH ranked AS (SELECT [Acct No], [Entry Reason], ROW_NUMBER() OVER (PARTITION BY [Acct No] ORDER BY [Posted On]) AS [Row No] FROM dbo.[Fee Ledger])
  SELECT [Acct No], [Entry Reason] FROM ranked WHERE [Row No] = 1;`,
  'STRING_AGG without WITHIN GROUP': `SELECT [Acct No], STRING_AGG([Entry Reason], ',') AS [All Reasons] FROM dbo.[Fee Ledger] GROUP BY [Acct No];`,
  'TOP (1) … ORDER BY a tied key': `SELECT TOP (1) [Entry Reason] FROM dbo.[Fee Ledger] ORDER BY [Posted On] DESC;`,
  'a cursor keeping its last row': `DECLARE @Reason varchar(20), @Last varchar(20);
  DECLARE [reason cursor] CURSOR LOCAL FAST_FORWARD FOR SELECT [Entry Reason] FROM dbo.[Fee Ledger];
  OPEN [reason cursor];
  FETCH NEXT FROM [reason cursor] INTO @Reason;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @Last = @Reason;
    FETCH NEXT FROM [reason cursor] INTO @Reason;
  END
  CLOSE [reason cursor];
  DEALLOCATE [reason cursor];
  SELECT @Last AS [Last Reason];`,
};

describe('order check: three or more tied rows', () => {
  for (const [name, body] of Object.entries(PATTERNS)) {
    describe(name, () => {
      it('lists the output as not reproducible for ties reading [fee, refund, fee]', async () => {
        const r = await orderCheck(body, ['fee', 'refund', 'fee']);
        expect(r.columns.length).toBeGreaterThan(0);
        expect(r.causes.join('\n')).toMatch(/three or more of them/);
      });

      it('lists it for [fee, fee, refund, fee], which a reversal and a rotation both miss', async () => {
        const r = await orderCheck(body, ['fee', 'fee', 'refund', 'fee']);
        expect(r.columns.length).toBeGreaterThan(0);
      });

      it('keeps it when the tied rows agree on what is read', async () => {
        const r = await orderCheck(body, ['fee', 'fee', 'fee']);
        expect(r.columns).toEqual([]);
      });
    });
  }
});
