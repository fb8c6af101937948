import { checkedProposal } from '../../support/one-procedure-proposal';

// Gift-card payouts: a cursor over claims sets a savepoint per claim and rolls back to it when
// the card cannot cover the claim. The savepoint needs the transaction BEGIN TRAN opens before the
// loop: left in housekeeping, the loop's section run alone (`sections record`) meets its SAVE with
// no transaction, which the procedure never does, and cannot be recorded.
const procedure = (between: string): string => `CREATE TABLE dbo.[Gift Card] ([Card Id] int NOT NULL, Balance int NOT NULL);
GO
CREATE TABLE dbo.[Card Claim] ([Claim Id] int NOT NULL, [Card Id] int NOT NULL, Amount int NOT NULL, Paid bit NULL);
GO
CREATE TABLE dbo.[Payout Run] ([Run Id] int NOT NULL, Started datetime NOT NULL);
GO
CREATE PROCEDURE dbo.[usp_Pay Claims]
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Claim int, @Card int, @Amount int;
    DECLARE cur CURSOR LOCAL FAST_FORWARD FOR SELECT [Claim Id], [Card Id], Amount FROM dbo.[Card Claim] ORDER BY [Claim Id];
    BEGIN TRY
        BEGIN TRAN;
${between}        OPEN cur;
        FETCH NEXT FROM cur INTO @Claim, @Card, @Amount;
        WHILE @@FETCH_STATUS = 0
        BEGIN
            SAVE TRANSACTION OneClaim;
            UPDATE dbo.[Gift Card] SET Balance = Balance - @Amount WHERE [Card Id] = @Card;
            IF EXISTS (SELECT 1 FROM dbo.[Gift Card] WHERE [Card Id] = @Card AND Balance < 0)
                ROLLBACK TRANSACTION OneClaim;
            ELSE
                UPDATE dbo.[Card Claim] SET Paid = 1 WHERE [Claim Id] = @Claim;
            FETCH NEXT FROM cur INTO @Claim, @Card, @Amount;
        END
        CLOSE cur;
        DEALLOCATE cur;
        IF @@TRANCOUNT > 0
            COMMIT TRAN;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRAN;
        THROW;
    END CATCH
END
GO
`;

async function headers(text: string): Promise<string[]> {
  const { headers: tags, parseProblems, checkProblems } = await checkedProposal(text, 'dbo.usp_Pay_Claims');
  expect(parseProblems).toEqual([]);
  expect(checkProblems).toEqual([]);
  return tags;
}

describe('sections propose on a loop that sets a savepoint per row', () => {
  it('puts the BEGIN TRAN opening the savepoint\'s transaction, and the COMMIT closing it, in the loop\'s section', async () => {
    expect(await headers(procedure(''))).toEqual([
      '@proc:dbo.[usp_Pay%20Claims] @lines:10-11,13,33-34 @ignored',
      '@proc:dbo.[usp_Pay%20Claims] @lines:12,14-30 @output:dbo.[Gift%20Card],dbo.[Card%20Claim]',
    ]);
  });

  it('leaves the BEGIN TRAN in housekeeping when another section writes between it and the loop', async () => {
    const [housekeeping, run] = await headers(procedure('        INSERT INTO dbo.[Payout Run] ([Run Id], Started) VALUES (1, GETDATE());\n'));
    expect(housekeeping).toMatch(/@lines:10-11,13-14,30-35 @ignored/);
    expect(run).toMatch(/@output:dbo\.\[Payout%20Run\]/);
  });
});
