import { crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

// The WHILE loop that replaced a cursor over the items: a query picks the next [Item ID] past the
// last one, and the item's statements read its own rows. Picking the key reads every item's rows,
// but one item's rows alone give the same item, so nothing of another item reaches its output.
function statementsOf(body: string): CreateProcedure['body'] {
  const script = parseScript(`CREATE PROCEDURE dbo.[usp Roll Balances] AS\nBEGIN\nDECLARE @ItemID int, @LastItem int = 0\n${body}\nEND\n`, { file: 'roll.sql' });
  const proc = script.batches[0]?.statements[0] as CreateProcedure;
  return proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
}

const loop = (pick: string): string => `WHILE 1 = 1
BEGIN
    ${pick}
    IF @ItemID IS NULL BREAK
    INSERT dbo.[Item Balance] ([Item ID], [Qty On Hand])
    SELECT [Item ID], SUM(Qty) FROM dbo.[Stock Move] WHERE [Item ID] = @ItemID GROUP BY [Item ID]
    SET @LastItem = @ItemID
END`;

const constructs = (pick: string): string[] => crossEntityReads(statementsOf(loop(pick)), 'Item ID').map((r) => r.construct);

describe('crossEntityReads and the loop that walks the entity keys', () => {
  it.each([
    ['TOP 1 ascending past the last key', 'SELECT TOP 1 @ItemID = [Item ID] FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Item ID]'],
    ['TOP (1) descending below it, the comparison mirrored', 'SELECT TOP (1) @ItemID = m.[Item ID] FROM dbo.[Stock Move] m WHERE @LastItem > m.[Item ID] AND m.Qty <> 0 ORDER BY m.[Item ID] DESC'],
    ['MIN past the last key', 'SELECT @ItemID = MIN([Item ID]) FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem'],
    ['MAX below it', 'SELECT @ItemID = MAX([Item ID]) FROM dbo.[Stock Move] WHERE [Item ID] < @LastItem'],
  ])('leaves %s alone', (_what, pick) => {
    expect(constructs(pick)).toEqual([]);
  });

  it.each([
    ['a walk against its order (the largest key, then none)', 'SELECT TOP 1 @ItemID = [Item ID] FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Item ID] DESC', 'TOP (1) over rows of every Item ID'],
    ['a key picked by another column\'s order', 'SELECT TOP 1 @ItemID = [Item ID] FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Move Date]', 'TOP (1) over rows of every Item ID'],
    ['another column assigned beside the key', 'SELECT TOP 1 @ItemID = [Item ID], @LastItem = Qty FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Item ID]', 'TOP (1) over rows of every Item ID'],
    ['MIN with no walk past a key', 'SELECT @ItemID = MIN([Item ID]) FROM dbo.[Stock Move]', 'MIN(…) over rows of every Item ID'],
    ['MAX walking up', 'SELECT @ItemID = MAX([Item ID]) FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem', 'MAX(…) over rows of every Item ID'],
  ])('names %s', (_what, pick, construct) => {
    expect(constructs(pick)).toEqual([construct]);
  });

  it.each([
    ['TOP 1', 'SELECT TOP 1 @ItemID = [Item ID] FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Item ID]'],
    ['MIN', 'SELECT @ItemID = MIN([Item ID]) FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem'],
  ])('names the counter a %s key walk carries from one item to the next, where it is set, not the key pick', (_what, pick) => {
    const counted = loop(pick).replace('SET @LastItem = @ItemID', 'SET @LastItem = @ItemID\n    SET @Seq = @Seq + 1');
    const reads = crossEntityReads(statementsOf(counted), 'Item ID');
    expect(reads.map((r) => r.construct)).toEqual(['@Seq, a variable the loop walking the Item ID keys carries from one Item ID to the next']);
    // line 11 of the procedure, `    SET @Seq = @Seq + 1`: the assigned variable
    expect(reads[0]?.node.span.start).toMatchObject({ line: 11, column: 9 });
  });
});
