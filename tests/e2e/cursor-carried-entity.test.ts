import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A hedge desk's mark-to-market, one trade per fetch, with a running mark per desk and currency
// (reset when either changes) and the rates of the trade's and of its book currency looked up in
// one spot rate table. Per trade, a scenario cannot tell a transform that forgets the running
// mark: propose tags the desk (the key the reset follows, first in the ORDER BY), check fails
// a `[Trade No]` tag a person writes, and record --from-data keeps the rate table whole (cut by
// the shared [Ccy Code], the book currency's rate was missing and every mark came out NULL).
// A second loop keeps the last rate found when a lookup finds none (no SET @Rate = NULL first):
// state carried from the trade before, reset nowhere, so no tag at all.
const SQL = `CREATE TABLE dbo.[Hedge Trade] ([Trade No] int NOT NULL PRIMARY KEY, [Desk Code] varchar(8) NOT NULL, [Ccy Code] char(3) NOT NULL, [Book Ccy] char(3) NOT NULL, Notional money NOT NULL)
GO
CREATE TABLE dbo.[Spot Rate] ([Ccy Code] char(3) NOT NULL PRIMARY KEY, [USD Rate] decimal(18,8) NOT NULL)
GO
CREATE TABLE dbo.[Hedge Mark] ([Trade No] int NOT NULL, [Desk Code] varchar(8) NOT NULL, [Mark Value] decimal(19,4) NULL, [Running Mark] decimal(19,4) NULL)
GO
CREATE PROCEDURE dbo.[usp_Mark Hedges]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @TradeNo int, @Desk varchar(8), @Ccy char(3), @BookCcy char(3), @Notional money,
            @Rate decimal(18,8), @BookRate decimal(18,8), @Mark decimal(19,4), @RunMark decimal(19,4),
            @LastDesk varchar(8), @LastCcy char(3)

    DELETE FROM dbo.[Hedge Mark]

    SET @LastDesk = '~'
    SET @LastCcy = '~'
    SET @RunMark = 0
    DECLARE cTrades CURSOR LOCAL FAST_FORWARD FOR
        SELECT t.[Trade No], t.[Desk Code], t.[Ccy Code], t.[Book Ccy], t.Notional
        FROM dbo.[Hedge Trade] t
        ORDER BY t.[Desk Code], t.[Ccy Code], t.[Trade No]
    OPEN cTrades
    FETCH NEXT FROM cTrades INTO @TradeNo, @Desk, @Ccy, @BookCcy, @Notional
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @Desk <> @LastDesk OR @Ccy <> @LastCcy
        BEGIN
            SET @RunMark = 0
            SET @LastDesk = @Desk
            SET @LastCcy = @Ccy
        END
        SET @Rate = NULL
        SET @BookRate = NULL
        SELECT @Rate = r.[USD Rate] FROM dbo.[Spot Rate] r WHERE r.[Ccy Code] = @Ccy
        SELECT @BookRate = r.[USD Rate] FROM dbo.[Spot Rate] r WHERE r.[Ccy Code] = @BookCcy
        SET @Mark = @Notional * @Rate / @BookRate
        SET @RunMark = @RunMark + @Mark
        INSERT INTO dbo.[Hedge Mark] ([Trade No], [Desk Code], [Mark Value], [Running Mark])
        VALUES (@TradeNo, @Desk, @Mark, @RunMark)
        FETCH NEXT FROM cTrades INTO @TradeNo, @Desk, @Ccy, @BookCcy, @Notional
    END
    CLOSE cTrades
    DEALLOCATE cTrades
END
GO
CREATE PROCEDURE dbo.[usp_Mark Sticky]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @TradeNo int, @Desk varchar(8), @Ccy char(3), @Notional money, @Rate decimal(18,8)

    DELETE FROM dbo.[Hedge Mark]

    DECLARE cSticky CURSOR LOCAL FAST_FORWARD FOR
        SELECT t.[Trade No], t.[Desk Code], t.[Ccy Code], t.Notional FROM dbo.[Hedge Trade] t ORDER BY t.[Trade No]
    OPEN cSticky
    FETCH NEXT FROM cSticky INTO @TradeNo, @Desk, @Ccy, @Notional
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @Rate = r.[USD Rate] FROM dbo.[Spot Rate] r WHERE r.[Ccy Code] = @Ccy
        INSERT INTO dbo.[Hedge Mark] ([Trade No], [Desk Code], [Mark Value], [Running Mark])
        VALUES (@TradeNo, @Desk, @Notional * @Rate, NULL)
        FETCH NEXT FROM cSticky INTO @TradeNo, @Desk, @Ccy, @Notional
    END
    CLOSE cSticky
    DEALLOCATE cSticky
END
GO
`;

// A loyalty scheme's points: a running balance per member reset by the control break legacy code
// writes most (`… OR @PrevMember IS NULL`, the previous member set after the row's work), once
// with the points of the row before beside it, which on a member's first row are the previous
// member's (so no per-member tag); and the same balance computed by a cursor over each member's
// transactions nested in a cursor over members, reset by the outer loop (per member).
const POINTS_SQL = `CREATE TABLE dbo.[Loyalty Member] ([Member No] int NOT NULL PRIMARY KEY, [Tier Code] varchar(8) NOT NULL)
GO
CREATE TABLE dbo.[Points Txn] ([Txn No] int NOT NULL PRIMARY KEY, [Member No] int NOT NULL, [Txn Date] date NOT NULL, Points int NULL)
GO
CREATE TABLE dbo.[Member Points] ([Member No] int NOT NULL, [Txn No] int NOT NULL, Balance int NULL, [Points Before] int NULL)
GO
CREATE PROCEDURE dbo.[usp_Post Points]
    @WithBefore bit = 1
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @TxnNo int, @Member int, @Points int, @PrevMember int, @Balance int, @PrevPoints int
    SET @PrevMember = NULL
    SET @PrevPoints = NULL
    DECLARE cPts CURSOR LOCAL FAST_FORWARD FOR
        SELECT t.[Member No], t.[Txn No], t.Points FROM dbo.[Points Txn] t ORDER BY t.[Member No], t.[Txn Date], t.[Txn No]
    OPEN cPts
    FETCH NEXT FROM cPts INTO @Member, @TxnNo, @Points
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @Member <> @PrevMember OR @PrevMember IS NULL
            SET @Balance = 0
        SET @Balance = @Balance + ISNULL(@Points, 0)
        INSERT INTO dbo.[Member Points] ([Member No], [Txn No], Balance, [Points Before])
        VALUES (@Member, @TxnNo, @Balance, @PrevPoints)
        SET @PrevMember = @Member
        SET @PrevPoints = @Points
        FETCH NEXT FROM cPts INTO @Member, @TxnNo, @Points
    END
    CLOSE cPts
    DEALLOCATE cPts
END
GO
CREATE PROCEDURE dbo.[usp_Post Balance]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @TxnNo int, @Member int, @Points int, @PrevMember int, @Balance int
    SET @PrevMember = NULL
    DECLARE cBal CURSOR LOCAL FAST_FORWARD FOR
        SELECT t.[Txn No], t.[Member No], t.Points FROM dbo.[Points Txn] t ORDER BY t.[Member No], t.[Txn Date], t.[Txn No]
    OPEN cBal
    FETCH NEXT FROM cBal INTO @TxnNo, @Member, @Points
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @PrevMember IS NULL OR @PrevMember <> @Member
        BEGIN
            SET @Balance = 0
        END
        SET @Balance = @Balance + ISNULL(@Points, 0)
        INSERT INTO dbo.[Member Points] ([Member No], [Txn No], Balance, [Points Before])
        VALUES (@Member, @TxnNo, @Balance, NULL)
        SET @PrevMember = @Member
        FETCH NEXT FROM cBal INTO @TxnNo, @Member, @Points
    END
    CLOSE cBal
    DEALLOCATE cBal
END
GO
CREATE PROCEDURE dbo.[usp_Roll Member Points]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @Member int, @TxnNo int, @Points int, @Balance int
    DECLARE cMem CURSOR LOCAL FAST_FORWARD FOR
        SELECT m.[Member No] FROM dbo.[Loyalty Member] m ORDER BY m.[Member No]
    OPEN cMem
    FETCH NEXT FROM cMem INTO @Member
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @Balance = 0
        DECLARE cTxn CURSOR LOCAL FAST_FORWARD FOR
            SELECT t.[Txn No], t.Points FROM dbo.[Points Txn] t WHERE t.[Member No] = @Member ORDER BY t.[Txn Date], t.[Txn No]
        OPEN cTxn
        FETCH NEXT FROM cTxn INTO @TxnNo, @Points
        WHILE @@FETCH_STATUS = 0
        BEGIN
            SET @Balance = @Balance + ISNULL(@Points, 0)
            INSERT INTO dbo.[Member Points] ([Member No], [Txn No], Balance, [Points Before])
            VALUES (@Member, @TxnNo, @Balance, NULL)
            FETCH NEXT FROM cTxn INTO @TxnNo, @Points
        END
        CLOSE cTxn
        DEALLOCATE cTxn
        FETCH NEXT FROM cMem INTO @Member
    END
    CLOSE cMem
    DEALLOCATE cMem
END
GO
`;

/** A fresh workspace holding `sql` as procedures/`file` and the data files given (name → CSV text). */
function workspace(prefix: string, file: string, sql: string, data: Readonly<Record<string, string>>): string {
  const ws = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(ws, 'procedures'), { recursive: true });
  mkdirSync(join(ws, 'data'), { recursive: true });
  writeFileSync(join(ws, 'procedures', file), sql);
  for (const [name, csv] of Object.entries(data)) writeFileSync(join(ws, 'data', name), csv);
  return ws;
}

describe('a cursor loop that carries a running total across rows: @entity, check and --from-data', () => {
  let ws: string;
  const feature = (name: string): string => join(ws, 'sections', name);
  const loopSection = (proc: string): string => readFileSync(feature(proc), 'utf8');
  beforeAll(async () => {
    ws = workspace('cursor-carried-', 'hedges.sql', SQL, {
      // desk LDN books EUR and JPY trades in GBP: the GBP rate is only ever read as the book currency
      'dbo.Hedge Trade.csv': 'Trade No,Desk Code,Ccy Code,Book Ccy,Notional\n1,LDN,EUR,GBP,1000.0000\n2,LDN,EUR,GBP,500.0000\n3,LDN,JPY,GBP,100000.0000\n4,NYC,EUR,USD,2000.0000\n',
      'dbo.Spot Rate.csv': 'Ccy Code,USD Rate\nEUR,1.10000000\nGBP,1.25000000\nJPY,0.00800000\nUSD,1.00000000\n',
      'dbo.Hedge Mark.csv': 'Trade No,Desk Code,Mark Value,Running Mark\n',
    });
    for (const proc of ['dbo.usp_Mark Hedges', 'dbo.usp_Mark Sticky']) expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('propose tags the key the running mark is reset on, not the trade the cursor fetches', () => {
    const tags = loopSection('dbo.usp_Mark_Hedges/02-hedge-mark.feature').split('\n')[0] ?? '';
    expect(tags).toMatch(/@entity:\[Desk%20Code\]/);
    expect(tags).not.toMatch(/Trade%20No/);
  });

  it('propose tags nothing where a lookup keeps the rate of the trade before (state reset nowhere)', () => {
    expect(loopSection('dbo.usp_Mark_Sticky/02-hedge-mark.feature').split('\n')[0]).not.toMatch(/@entity:/);
  });

  it('check fails a per-trade tag a person writes, naming the carried variables and the key to tag', async () => {
    const file = feature('dbo.usp_Mark_Hedges/02-hedge-mark.feature');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('@entity:[Desk%20Code]', '@entity:[Trade%20No]'));
    try {
      const run = await runMigrate(['sections', 'check', 'dbo.usp_Mark Hedges', '--root', ws]);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/02-hedge-mark\.feature:1:1: @entity:\[Trade%20No\]: the rows of one \[Trade No\] are computed from state earlier rows of other \[Trade No\] values left: the loop over cTrades carries @LastDesk, @LastCcy, @RunMark from row to row, reset only when \[Desk Code\] or \[Ccy Code\] changes, not at each change of \[Trade No\] \(read at procedures\/hedges\.sql:\d+:\d+\)/);
      expect(run.out).toMatch(/tag @entity:\[Desk%20Code\] \(the key its state is reset on\)/);
    } finally {
      writeFileSync(file, text);
    }
    expect((await runMigrate(['sections', 'check', 'dbo.usp_Mark Hedges', '--root', ws])).out).toMatch(/ok dbo\.\[usp_Mark Hedges\]/);
  });

  it('record --from-data keeps the rate table whole: the book currency rate is there, every mark computed', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_Mark_Hedges/02-hedge-mark', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.code).toBe(0);
    const text = loopSection('dbo.usp_Mark_Hedges/02-hedge-mark.feature');
    const ldn = text.slice(text.indexOf('Scenario: Desk Code LDN'));
    // 1000 EUR at 1.1 in GBP at 1.25 = 880; then 500 more = 440, running 1320; JPY resets the mark
    expect(ldn).toMatch(/\|\s*GBP\s*\|\s*1\.25000000\s*\|/);
    expect(ldn).toMatch(/\|\s*1\s*\|\s*LDN\s*\|\s*880\.0000\s*\|\s*880\.0000\s*\|/);
    expect(ldn).toMatch(/\|\s*2\s*\|\s*LDN\s*\|\s*440\.0000\s*\|\s*1320\.0000\s*\|/);
    expect(ldn).toMatch(/\|\s*3\s*\|\s*LDN\s*\|\s*640\.0000\s*\|\s*640\.0000\s*\|/);
  });
});

describe('a control break on the previous member set after the row, and a cursor nested in one per member', () => {
  let ws: string;
  const feature = (name: string): string => readFileSync(join(ws, 'sections', name), 'utf8');
  const proposed = new Map<string, string>();
  beforeAll(async () => {
    ws = workspace('cursor-carried-points-', 'points.sql', POINTS_SQL, {
      'dbo.Points Txn.csv': 'Txn No,Member No,Txn Date,Points\n1,7,2026-03-01,50\n2,7,2026-03-04,20\n3,9,2026-03-02,5\n4,9,2026-03-03,\n',
      'dbo.Member Points.csv': 'Member No,Txn No,Balance,Points Before\n',
    });
    for (const proc of ['dbo.usp_Post Points', 'dbo.usp_Post Balance', 'dbo.usp_Roll Member Points']) {
      const run = await runMigrate(['sections', 'propose', proc, '--root', ws]);
      expect(run.code).toBe(0);
      proposed.set(proc, run.out);
    }
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('tags the member where `IF @PrevMember IS NULL OR @PrevMember <> @Member` resets everything the loop carries', () => {
    expect(feature('dbo.usp_Post_Balance/01-member-points.feature').split('\n')[0]).toMatch(/@entity:\[Member%20No\]$/);
  });

  it('tags the member where the balance is reset by the loop over members around the loop over their transactions', () => {
    expect(feature('dbo.usp_Roll_Member_Points/01-member-points.feature').split('\n')[0]).toMatch(/@entity:\[Member%20No\]$/);
  });

  it('does not tag the member where the points of the row before cross members, and says why, located', async () => {
    const why = 'the loop over cPts carries @PrevPoints from row to row: the IF at line 21 resets @Balance when @Member changes, not @PrevPoints (read at procedures/points.sql:25:44)';
    expect(feature('dbo.usp_Post_Points/01-member-points.feature').split('\n')[0]).not.toMatch(/@entity/);
    expect(proposed.get('dbo.usp_Post Points')).toContain(`note 01-member-points: not tagged @entity:[Member%20No] (\`sections check\` fails that tag, SECTIONS_ENTITY_CROSS_READS): ${why}; give its scenarios several [Member No] values`);
    const record = await runMigrate(['sections', 'record', 'dbo.usp_Post_Points/01-member-points', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(record.code).toBe(2);
    expect(record.err).toContain(`[Member No] is no entity of it: ${why}, so no one [Member No] can be recorded alone`);
    const file = join(ws, 'sections', 'dbo.usp_Post_Points/01-member-points.feature');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^(\S+ \S+ \S+)/, '$1 @entity:[Member%20No]'));
    try {
      const check = await runMigrate(['sections', 'check', 'dbo.usp_Post Points', '--root', ws]);
      expect(check.code).toBe(1);
      expect(check.out).toContain(`01-member-points.feature:1:1: @entity:[Member%20No]: the rows of one [Member No] are computed from state earlier rows of other [Member No] values left: ${why}`);
    } finally {
      writeFileSync(file, text);
    }
  });

  it('check passes the per-member tags propose wrote', async () => {
    for (const proc of ['dbo.usp_Post Balance', 'dbo.usp_Roll Member Points']) {
      const check = await runMigrate(['sections', 'check', proc, '--root', ws]);
      expect(check.out).not.toMatch(/SECTIONS_ENTITY_CROSS_READS|@entity:\[Member%20No\]:/);
      expect(check.code).toBe(0);
    }
  });
});
