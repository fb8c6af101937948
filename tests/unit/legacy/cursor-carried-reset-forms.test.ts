import { sectionCursorCarriedStates } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';

// A loyalty scheme posts each member's points in order, with a running balance per member. Legacy
// code writes the control break as `IF @Member <> @PrevMember OR @PrevMember IS NULL <reset>` and
// sets the previous member at the end of the pass: the balance is reset per member whichever way
// the IF is spelled, and a variable the IF does not reset (the points of the row before, which on
// a member's first row are the previous member's) is carried across members.
const proc = (loop: string, before = 'SET @PrevMember = NULL'): string => `CREATE TABLE dbo.[Points Txn] ([Txn No] int NOT NULL PRIMARY KEY, [Member No] int NOT NULL, [Txn Date] date NOT NULL, Points int NULL)
GO
CREATE TABLE dbo.[Points Ledger] ([Txn No] int NOT NULL, [Member No] int NOT NULL, Balance int NULL, [Points Before] int NULL)
GO
CREATE PROCEDURE dbo.[usp_Post Points]
AS
BEGIN
    DECLARE @TxnNo int, @Member int, @Points int, @PrevMember int, @Balance int, @PrevPoints int
    ${before}
    DECLARE cPts CURSOR LOCAL FAST_FORWARD FOR
        SELECT t.[Txn No], t.[Member No], t.Points FROM dbo.[Points Txn] t ORDER BY t.[Member No], t.[Txn Date], t.[Txn No]
    OPEN cPts
    FETCH NEXT FROM cPts INTO @TxnNo, @Member, @Points
    WHILE @@FETCH_STATUS = 0
    BEGIN
${loop}
        FETCH NEXT FROM cPts INTO @TxnNo, @Member, @Points
    END
    CLOSE cPts
    DEALLOCATE cPts
END
GO
`;

const INSERT = 'INSERT INTO dbo.[Points Ledger] ([Txn No], [Member No], Balance, [Points Before]) VALUES (@TxnNo, @Member, @Balance, NULL)';
const stateOf = (sql: string): ReturnType<typeof sectionCursorCarriedStates>[number] | undefined => sectionCursorCarriedStates([parseScript(sql, { file: 'points.sql' })], 'dbo.[usp_Post Points]', [{ start: 1, end: 60 }])[0];

describe('a control break that sets the previous key after the row\'s work', () => {
  it.each([
    ['@k <> @prev OR @prev IS NULL, one statement', 'IF @Member <> @PrevMember OR @PrevMember IS NULL\n SET @Balance = 0'],
    ['@prev <> @k OR @prev IS NULL in BEGIN/END', 'IF @PrevMember <> @Member OR @PrevMember IS NULL\n BEGIN\n SET @Balance = 0\n END'],
    ['@prev IS NULL OR @prev <> @k', 'IF @PrevMember IS NULL OR @PrevMember <> @Member\n SET @Balance = 0'],
    ['@k != @prev OR @prev IS NULL, the reset reading the row', 'IF @Member != @PrevMember OR @PrevMember IS NULL\n SET @Balance = ISNULL(@Points, 0) - ISNULL(@Points, 0)'],
  ])('%s: the balance is reset per [Member No]', (_form, reset) => {
    const state = stateOf(proc(`${reset}\n SET @Balance = @Balance + @Points\n ${INSERT}\n SET @PrevMember = @Member`));
    expect(state?.why).toBeUndefined();
    expect(state?.resetOn).toEqual(['Member No']);
    expect(state?.keys).toEqual(['Member No']);
  });

  it('ISNULL(@prev, 0) <> @k: per member where the balance starts from the constant it is reset to (a member 0 skips the reset on its first row)', () => {
    const loop = `IF ISNULL(@PrevMember, 0) <> @Member\n SET @Balance = 0\n SET @Balance = @Balance + @Points\n ${INSERT}\n SET @PrevMember = @Member`;
    expect(stateOf(proc(loop, 'SET @PrevMember = NULL\n SET @Balance = 0'))?.keys).toEqual(['Member No']);
    // starting NULL, member 0's balance would stay NULL alone and not after another member: not certain
    const unsure = stateOf(proc(loop));
    expect(unsure?.keys).toEqual([]);
    expect(unsure?.why).toMatch(/resets @Balance to another value than the constant it starts from/);
  });

  it('names the variable the reset leaves alone, located at its read: the previous member\'s points on the next member\'s first row', () => {
    const state = stateOf(proc(`IF @Member <> @PrevMember OR @PrevMember IS NULL\n SET @Balance = 0\n SET @Balance = @Balance + @Points\n INSERT INTO dbo.[Points Ledger] ([Txn No], [Member No], Balance, [Points Before]) VALUES (@TxnNo, @Member, @Balance, @PrevPoints)\n SET @PrevMember = @Member\n SET @PrevPoints = @Points`));
    expect(state?.keys).toEqual([]);
    expect(state?.why).toBe('the loop over cPts carries @PrevPoints from row to row: the IF at line 16 resets @Balance when @Member changes, not @PrevPoints');
    expect(state?.culprit?.span.start).toMatchObject({ line: 19, column: 119 });
  });

  it.each([
    ['the previous key read between the IF and its SET (another member\'s value on a first row)', `IF @Member <> @PrevMember OR @PrevMember IS NULL\n SET @Balance = 0\n SET @Balance = @Balance + ISNULL(@PrevMember, 0) * 0 + @Points\n ${INSERT}\n SET @PrevMember = @Member`, /@PrevMember is read at line 18, after the reset IF and before it is set/],
    ['the previous key set only under a condition', `IF @Member <> @PrevMember OR @PrevMember IS NULL\n SET @Balance = 0\n SET @Balance = @Balance + @Points\n ${INSERT}\n IF @Points > 0 SET @PrevMember = @Member`, /set after the reset IF otherwise than once by `SET @PrevMember = <fetched>`/],
    ['a CONTINUE that may skip setting the previous key', `IF @Member <> @PrevMember OR @PrevMember IS NULL\n SET @Balance = 0\n SET @Balance = @Balance + @Points\n IF @Points IS NULL BEGIN FETCH NEXT FROM cPts INTO @TxnNo, @Member, @Points CONTINUE END\n ${INSERT}\n SET @PrevMember = @Member`, /may leave the pass before @PrevMember is set/],
    ['an IS NULL arm on another variable than the previous key', `IF @Member <> @PrevMember OR @Points IS NULL\n SET @Balance = 0\n SET @Balance = @Balance + @Points\n ${INSERT}\n SET @PrevMember = @Member`, /is not an OR of `@fetched <> @previous` comparisons/],
  ])('is not certain with %s', (_what, loop, why) => {
    const state = stateOf(proc(loop));
    expect(state?.keys).toEqual([]);
    expect(state?.why).toMatch(why);
  });

  it('is not certain where the previous key starts NULL, is set in the IF and no IS NULL arm triggers it (it never fires)', () => {
    const state = stateOf(proc('IF @Member <> @PrevMember\n BEGIN\n SET @Balance = 0\n SET @PrevMember = @Member\n END\n SET @Balance = @Balance + @Points\n ' + INSERT));
    expect(state?.keys).toEqual([]);
    expect(state?.why).toMatch(/may not trigger on the first row/);
  });
});

describe('a SELECT @v = … FROM … WHERE in the loop', () => {
  it('an aggregate without GROUP BY always assigns (its one row): nothing carried, per member', () => {
    const state = stateOf(proc(`SELECT @Balance = ISNULL(SUM(l.Balance), 0) FROM dbo.[Points Ledger] l WHERE l.[Member No] = @Member\n ${INSERT}`));
    expect(state?.carried).toEqual([]);
    expect(state?.keys).toEqual(['Txn No', 'Member No', 'Points']);
  });

  it.each([
    ['a plain lookup that may find no row', 'SELECT @Balance = l.Balance FROM dbo.[Points Ledger] l WHERE l.[Txn No] = @TxnNo'],
    ['an aggregate of a subquery only', 'SELECT @Balance = (SELECT MAX(x.Balance) FROM dbo.[Points Ledger] x) + l.Balance FROM dbo.[Points Ledger] l WHERE l.[Txn No] = @TxnNo'],
    ['an aggregate with HAVING', 'SELECT @Balance = SUM(l.Balance) FROM dbo.[Points Ledger] l WHERE l.[Member No] = @Member HAVING SUM(l.Balance) > 0'],
  ])('%s keeps the value of the row before: carried', (_what, lookup) => {
    expect(stateOf(proc(`${lookup}\n ${INSERT}`))?.carried.map((c) => c.name)).toEqual(['@balance']);
  });
});

describe('a count the loop only hands on', () => {
  const counted = (after: string): string => proc(`SET @Balance = ISNULL(@Balance, 0) * 0 + 1\n SET @PrevPoints = @PrevPoints + 1\n ${INSERT}`, 'SET @PrevPoints = 0').replace('    DEALLOCATE cPts', `    DEALLOCATE cPts\n    ${after}`);

  it('is no state of the rows: a count read by nothing else in the section (a later section logs it) carries nothing across members', () => {
    expect(stateOf(counted(''))?.carried.map((c) => c.name)).toEqual(['@balance']);
  });

  it('is state of the rows where the section writes it after the loop, or a condition reads it', () => {
    expect(stateOf(counted("INSERT INTO dbo.[Points Ledger] ([Txn No], [Member No], Balance, [Points Before]) VALUES (0, 0, @PrevPoints, NULL)"))?.carried.map((c) => c.name)).toEqual(['@balance', '@prevpoints']);
    expect(stateOf(counted("IF @PrevPoints > 100 PRINT 'many'"))?.carried.map((c) => c.name)).toEqual(['@balance', '@prevpoints']);
  });
});
