import { matchRunningWindow } from '../../../../src/draft/idioms/running-window';
import { isIdiomRefusal } from '../../../../src/draft/idioms/loop-shape';
import { bodyOf, indexOfKind } from './loop-helpers';

// A cursor over transactions in `order` whose body is `inner` (the INSERT included).
const txLoop = (inner: string, order = 'ORDER BY t.Acc, t.Id', after = ''): string => `
DECLARE @Acc int, @Id int, @Amt decimal(10,2), @Run decimal(12,2), @PrevAcc int, @Prev decimal(10,2);
SET @Run = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT t.Acc, t.Id, t.Amt FROM dbo.Tx t ${order};
OPEN c;
FETCH NEXT FROM c INTO @Acc, @Id, @Amt;
WHILE @@FETCH_STATUS = 0
BEGIN
${inner}
  FETCH NEXT FROM c INTO @Acc, @Id, @Amt;
END
CLOSE c;
DEALLOCATE c;
${after}`;

const insert = 'INSERT INTO dbo.Out (Id, Run, Prev) VALUES (@Id, @Run, @Prev);';

describe('matchRunningWindow', () => {
  it.each([
    ['a running total over the whole order', txLoop(`SET @Run = @Run + @Amt; ${insert}`), 1, 0, false],
    ['a partitioned running total with a previous-row value', txLoop(`IF @Acc <> @PrevAcc OR @PrevAcc IS NULL SET @Run = 0; SET @Run += @Amt; ${insert} SET @PrevAcc = @Acc; SET @Prev = @Amt;`), 1, 2, true],
    ['the reset test written the other way round', txLoop(`IF @PrevAcc IS NULL OR @PrevAcc <> @Acc SET @Run = 0; SET @Run = @Amt + @Run; ${insert} SET @PrevAcc = @Acc;`), 1, 1, true],
    ['a previous-row value alone', txLoop(`${insert} SET @Prev = @Amt;`), 0, 1, false],
  ])('recognises %s', (_name, sql, running, carries, partitioned) => {
    const list = bodyOf(sql);
    const m = matchRunningWindow(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || isIdiomRefusal(m)) throw new Error(`not recognised: ${m ? m.reason : 'no idiom'}`);
    expect(m.running).toHaveLength(running);
    expect(m.carries).toHaveLength(carries);
    expect(m.partition !== undefined).toBe(partitioned);
  });

  it.each([
    ['a cursor without ORDER BY', txLoop(`SET @Run = @Run + @Amt; ${insert}`, ''), /no ORDER BY/],
    ['a partition column that does not lead the ORDER BY', txLoop(`IF @Acc <> @PrevAcc OR @PrevAcc IS NULL SET @Run = 0; SET @Run += @Amt; ${insert} SET @PrevAcc = @Acc;`, 'ORDER BY t.Id, t.Acc'), /ORDER BY starts with/],
    ['an IF that is not a partition reset', txLoop(`IF @Amt > 100 SET @Run = 0; SET @Run += @Amt; ${insert}`), /partition reset/],
    ['a running value that reads a carried one', txLoop(`SET @Run = @Run + @Prev; ${insert} SET @Prev = @Amt;`), /carried from row to row/],
    ['a total not reset with the partition', txLoop(`IF @Acc <> @PrevAcc OR @PrevAcc IS NULL SET @Prev = 0; SET @Run += @Amt; ${insert} SET @PrevAcc = @Acc;`), /IF inside a running-value loop|runs on across partitions/],
    ['the running value read after the loop', txLoop(`SET @Run = @Run + @Amt; ${insert}`, undefined, 'SELECT @Run AS Total;'), /read after the loop/],
    ['an UPDATE per row', txLoop(`SET @Run = @Run + @Amt; ${insert} UPDATE dbo.Tx SET Done = 1 WHERE Id = @Id;`), /UPDATE in a running-value loop/],
    ['rows made by a WHILE nested in the loop', txLoop(`SET @Run = 0; WHILE @Run < @Amt BEGIN ${insert} SET @Run = @Run + 100; END`), /INSERT \(line 1[0-9]\) is inside a nested WHILE or IF/],
  ])('refuses %s', (_name, sql, reason) => {
    const list = bodyOf(sql);
    const i = indexOfKind(list, 'DeclareCursor');
    const m = matchRunningWindow(list, i, list.slice(indexOfKind(list, 'DeallocateCursor') + 1));
    if (!m || !isIdiomRefusal(m)) throw new Error('expected a refusal');
    expect(m.reason).toMatch(reason);
  });
});
