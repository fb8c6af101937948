import { setBasedSectionEntity } from '../../../../src/legacy/emulator/section/set-based-entity';
import { parseScript } from '../../../../src/tsql';

// `sections propose` tags a section @entity only where each entity's rows alone give that
// entity's output. The WHILE that walks the item keys in place of a cursor does, when every
// statement it repeats keeps the picked item's rows; one it repeats unfiltered runs once per item.
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dbo.stock move': ['move id', 'item id', 'qty', 'unit cost'],
  'dbo.item balance': ['item id', 'qty on hand'],
};

function entityOf(loopBody: string): string | undefined {
  const text = `CREATE PROCEDURE dbo.[usp Roll Balances]
AS
BEGIN
    DECLARE @ItemID int, @LastItem int = 0
    WHILE 1 = 1
    BEGIN
        SELECT TOP 1 @ItemID = [Item ID] FROM dbo.[Stock Move] WHERE [Item ID] > @LastItem ORDER BY [Item ID]
        IF @@ROWCOUNT = 0 BREAK
${loopBody}
        SET @LastItem = @ItemID
    END
END
`;
  const script = parseScript(text, { file: 'roll.sql' });
  const end = text.split('\n').length;
  return setBasedSectionEntity([script], { name: 'dbo.[usp Roll Balances]', file: 'roll.sql' }, [{ start: 4, end }], ['Item ID'],
    (t) => COLUMNS[t.replace(/[[\]]/g, '')], (start, stop) => (start <= 7 && stop >= 7 ? new Set(['dbo.stock move']) : new Set()));
}

describe('setBasedSectionEntity and the loop that walks the entity keys', () => {
  it('tags the loop whose statements keep the picked key', () => {
    expect(entityOf(`        INSERT dbo.[Item Balance] ([Item ID], [Qty On Hand])
        SELECT [Item ID], SUM(Qty) FROM dbo.[Stock Move] WHERE [Item ID] = @ItemID GROUP BY [Item ID]`)).toBe('Item ID');
  });

  it('does not tag a loop that repeats a statement over every item', () => {
    expect(entityOf(`        INSERT dbo.[Item Balance] ([Item ID], [Qty On Hand])
        SELECT [Item ID], SUM(Qty) FROM dbo.[Stock Move] GROUP BY [Item ID]`)).toBeUndefined();
  });

  it('does not tag a loop with another loop inside', () => {
    expect(entityOf(`        WHILE @LastItem < 0 SET @LastItem = @LastItem + 1
        INSERT dbo.[Item Balance] ([Item ID], [Qty On Hand])
        SELECT [Item ID], SUM(Qty) FROM dbo.[Stock Move] WHERE [Item ID] = @ItemID GROUP BY [Item ID]`)).toBeUndefined();
  });

  it('does not tag a loop that carries a variable from one item to the next', () => {
    expect(entityOf(`        SET @LastItem = @LastItem
        DECLARE @Seq int
        SET @Seq = ISNULL(@Seq, 0) + 1
        INSERT dbo.[Item Balance] ([Item ID], [Qty On Hand])
        SELECT [Item ID], SUM(Qty) + @Seq FROM dbo.[Stock Move] WHERE [Item ID] = @ItemID GROUP BY [Item ID]`)).toBeUndefined();
  });
});
