import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';
import { draftOf } from '../draft-harness';

/*
 * A STATIC (or INSENSITIVE) cursor over the table its own loop updates: the nightly interest
 * accrual reads the active loans not yet accrued for the day, and each iteration adds the day's
 * interest to the loan and stamps it accrued. SQL Server answers every FETCH of such a cursor
 * from the copy OPEN made (the DECLARE CURSOR page), so the loop's UPDATE of Balance and
 * LastAccrualDate, which the cursor's WHERE and SELECT read, does not change which loans it
 * fetches nor the balance fetched. The draft reads the cursor's rows from the loan table as it
 * stood before the loop; were they read after the UPDATE, no loan would pass the WHERE (each
 * is stamped @AsOf) and the logged opening balances would be the new ones.
 */

const DDL = `CREATE TABLE dbo.Loan (LoanId int NOT NULL PRIMARY KEY, Balance decimal(18,2) NOT NULL, AnnualRate decimal(9,6) NOT NULL,
  Status varchar(10) NOT NULL, LastAccrualDate date NULL);
CREATE TABLE dbo.LoanAccrual (LoanId int NOT NULL, AccrualDate date NOT NULL, OpeningBalance decimal(18,2) NOT NULL, Interest decimal(18,2) NOT NULL);`;

const procedure = (cursor: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @AsOf date = '20261205';
  DECLARE @LoanId int, @Balance decimal(18,2), @Rate decimal(9,6), @Interest decimal(18,2);

  ${cursor}
    SELECT l.LoanId, l.Balance, l.AnnualRate
    FROM dbo.Loan l
    WHERE l.Status = 'ACTIVE'
      AND (l.LastAccrualDate IS NULL OR l.LastAccrualDate < @AsOf)
      AND l.Balance < 50000.00;

  OPEN accrual;
  FETCH NEXT FROM accrual INTO @LoanId, @Balance, @Rate;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @Interest = ROUND(@Balance * @Rate / 365, 2);

    UPDATE dbo.Loan
       SET Balance = Balance + @Interest,
           LastAccrualDate = @AsOf
     WHERE LoanId = @LoanId;

    INSERT INTO dbo.LoanAccrual (LoanId, AccrualDate, OpeningBalance, Interest)
    VALUES (@LoanId, @AsOf, @Balance, @Interest);

    FETCH NEXT FROM accrual INTO @LoanId, @Balance, @Rate;
  END
  CLOSE accrual;
  DEALLOCATE accrual;
END`;

const LOAN = {
  name: 'dbo.Loan', columns: ['LoanId:int', 'Balance:decimal(18,2)', 'AnnualRate:decimal(9,6)', 'Status:text', 'LastAccrualDate:date?'],
  // 3 is accrued already today; 4 is closed; 5 is past the ceiling; 6 crosses it with today's interest
  csv: 'LoanId,Balance,AnnualRate,Status,LastAccrualDate\n1,12500.00,0.065000,ACTIVE,2026-12-04\n2,800.55,0.129900,ACTIVE,\n3,4000.00,0.050000,ACTIVE,2026-12-05\n4,9000.00,0.070000,CLOSED,2026-12-04\n5,75000.00,0.040000,ACTIVE,2026-12-04\n6,49999.00,0.090000,active,2026-12-01\n',
};
const ACCRUAL = { name: 'dbo.LoanAccrual', columns: ['LoanId:int', 'AccrualDate:date', 'OpeningBalance:decimal(18,2)', 'Interest:decimal(18,2)'], csv: 'LoanId,AccrualDate,OpeningBalance,Interest\n' };

const accrualCase = (cursor: string, output: 'loan' | 'accrual'): ParityCase => ({
  ddl: DDL, procedure: procedure(cursor), inputs: [LOAN, ACCRUAL],
  output: output === 'loan' ? { name: 'dbo.Loan', columns: LOAN.columns } : { name: 'dbo.LoanAccrual', columns: ACCRUAL.columns },
});

/** The draft's rows of `output`, checked against the emulator's (SQL Server's STATIC cursor) and the rows worked out by hand. */
async function expectRows(cursor: string, output: 'loan' | 'accrual', rows: readonly string[]): Promise<void> {
  const r = await draftAgainstEmulator(accrualCase(cursor, output));
  expect(r.draftError).toBeUndefined();
  expect(r.draft).toEqual(r.emulator);
  expect(r.draft).toEqual(rows);
}

describe('a STATIC cursor over the table its loop updates (idiom (f))', () => {
  it.each([
    ['LOCAL STATIC', 'DECLARE accrual CURSOR LOCAL STATIC FOR'],
    ['LOCAL FORWARD_ONLY STATIC READ_ONLY', 'DECLARE accrual CURSOR LOCAL FORWARD_ONLY STATIC READ_ONLY FOR'],
    ['INSENSITIVE (ISO syntax)', 'DECLARE accrual INSENSITIVE CURSOR FOR'],
  ])('logs the accrual of the loans as OPEN read them: %s', async (_name, cursor) => {
    // 12500.00 * 0.065 / 365 = 2.226…; 800.55 * 0.1299 / 365 = 0.2849…; 49999.00 * 0.09 / 365 = 12.328…
    await expectRows(cursor, 'accrual', [
      '1|2026-12-05|12500.00|2.23',
      '2|2026-12-05|800.55|0.28',
      '6|2026-12-05|49999.00|12.33',
    ]);
  });

  it('updates each fetched loan once, by the interest on its balance at OPEN', async () => {
    // read after the UPDATE, the cursor would fetch no loan (each is stamped @AsOf): all balances would stay
    await expectRows('DECLARE accrual CURSOR LOCAL STATIC FOR', 'loan', [
      '1|12502.23|0.065000|ACTIVE|2026-12-05',
      '2|800.83|0.129900|ACTIVE|2026-12-05',
      '3|4000.00|0.050000|ACTIVE|2026-12-05',
      '4|9000.00|0.070000|CLOSED|2026-12-04',
      '5|75000.00|0.040000|ACTIVE|2026-12-04',
      '6|50011.33|0.090000|active|2026-12-05',
    ]);
  });

  // A dynamic cursor (the default, and FAST_FORWARD, which the DECLARE CURSOR page describes as
  // forward-only and read-only, not as a copy) may see the loop's changes: still refused, saying why.
  it.each([
    ['no option (a dynamic cursor)', 'DECLARE accrual CURSOR FOR'],
    ['LOCAL FAST_FORWARD', 'DECLARE accrual CURSOR LOCAL FAST_FORWARD FOR'],
  ])('refuses a cursor that is not STATIC: %s', (_name, cursor) => {
    const body = draftOf(procedure(cursor), { ddl: DDL, inputs: [LOAN, ACCRUAL], output: { name: 'dbo.LoanAccrual', columns: ACCRUAL.columns } });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => x.reason).join('\n')).toMatch(/cursor accrual reads dbo\.Loan, which its loop writes: a cursor that is not STATIC or INSENSITIVE/);
  });
});
