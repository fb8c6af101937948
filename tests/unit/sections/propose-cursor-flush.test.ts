import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A time-and-attendance job cutting badge swipes into shifts with a cursor: a new badge, or a gap
// of more than four hours, closes the shift so far. The last shift is only closed after the loop
// ends (`IF @PrevBadge IS NOT NULL INSERT …` from the loop's variables): it is the loop's work.
const SHIFTS = `CREATE TABLE dbo.[Badge Swipe] (SwipeId int NOT NULL PRIMARY KEY, BadgeNo int NOT NULL, [Swiped At] datetime NOT NULL);
GO
CREATE TABLE dbo.Shift (BadgeNo int NOT NULL, [Shift Start] datetime NOT NULL, [Shift End] datetime NOT NULL, Swipes int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_CutShifts @Since datetime
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @Badge int, @At datetime, @PrevBadge int, @PrevAt datetime, @Start datetime, @n int
    SET @n = 0
    DELETE dbo.Shift WHERE [Shift Start] >= @Since
    DECLARE swipes CURSOR LOCAL FAST_FORWARD FOR
        SELECT BadgeNo, [Swiped At] FROM dbo.[Badge Swipe] WHERE [Swiped At] >= @Since ORDER BY BadgeNo, [Swiped At]
    OPEN swipes
    FETCH NEXT FROM swipes INTO @Badge, @At
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @PrevBadge IS NULL OR @Badge <> @PrevBadge OR DATEDIFF(hour, @PrevAt, @At) > 4
        BEGIN
            IF @PrevBadge IS NOT NULL
                INSERT dbo.Shift (BadgeNo, [Shift Start], [Shift End], Swipes) VALUES (@PrevBadge, @Start, @PrevAt, @n)
            SELECT @Start = @At, @n = 0
        END
        SELECT @n = @n + 1, @PrevBadge = @Badge, @PrevAt = @At
        FETCH NEXT FROM swipes INTO @Badge, @At
    END
    -- the last shift
    IF @PrevBadge IS NOT NULL
        INSERT dbo.Shift (BadgeNo, [Shift Start], [Shift End], Swipes) VALUES (@PrevBadge, @Start, @PrevAt, @n)
    CLOSE swipes
    DEALLOCATE swipes
END
GO
`;

describe('sections propose and the row a cursor loop flushes after it ends', () => {
  it('keeps the last group\'s INSERT after the loop in the loop\'s section, which check accepts', async () => {
    const { graph, outline, catalog, sections } = proposalOf(SHIFTS);
    const specs: SectionSpec[] = [];
    for (const { section: s, skeleton } of sections) {
      const { spec, problems } = await parseFeature(skeleton, `sections/dbo.usp_CutShifts/${s.number}-${s.slug}.feature`, { catalog });
      expect(problems).toEqual([]);
      specs.push(spec as SectionSpec);
    }
    expect(sections.map((s) => s.skeleton.split('\n')[0])).toEqual([
      '@proc:dbo.usp_CutShifts @lines:8-9 @ignored',
      '@proc:dbo.usp_CutShifts @lines:11 @output:dbo.Shift',
      '@proc:dbo.usp_CutShifts @lines:10,12-31 @output:dbo.Shift',
    ]);
    // no section asks for the loop's variables as `Given parameter … = TODO`
    expect(sections.map((s) => s.skeleton).join('\n')).not.toMatch(/Given parameter @(PrevBadge|Start|PrevAt|n)\b/);
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });
});

// A sales contest's streak column filled by a cursor over results sorted by rep: each rep's
// string is written with an UPDATE when the rep changes, and the last rep's after the loop.
const STREAKS = `CREATE TABLE dbo.[Deal Result] ([Deal No] int NOT NULL PRIMARY KEY, [Rep Code] varchar(10) NOT NULL, Outcome char(1) NOT NULL);
GO
CREATE TABLE dbo.[Rep Streak] ([Rep Code] varchar(10) NOT NULL PRIMARY KEY, Streak varchar(8) NULL);
GO
CREATE PROCEDURE dbo.usp_Streaks
AS
BEGIN
    DECLARE @Rep varchar(10), @Out char(1), @Prev varchar(10), @S varchar(8)
    DECLARE deals CURSOR LOCAL FAST_FORWARD FOR
        SELECT [Rep Code], Outcome FROM dbo.[Deal Result] ORDER BY [Rep Code], [Deal No] DESC
    OPEN deals
    FETCH NEXT FROM deals INTO @Rep, @Out
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @Prev IS NULL OR @Prev <> @Rep
        BEGIN
            IF @Prev IS NOT NULL UPDATE dbo.[Rep Streak] SET Streak = @S WHERE [Rep Code] = @Prev
            SET @S = ''
        END
        SET @S = @S + @Out
        SET @Prev = @Rep
        FETCH NEXT FROM deals INTO @Rep, @Out
    END
    IF @Prev IS NOT NULL
        UPDATE dbo.[Rep Streak] SET Streak = @S WHERE [Rep Code] = @Prev
    CLOSE deals
    DEALLOCATE deals
END
GO
`;

describe('sections propose and the row a cursor loop UPDATEs after it ends', () => {
  it('keeps the last group\'s UPDATE in the loop\'s section: no section asks for @S or @Prev', () => {
    const { sections } = proposalOf(STREAKS);
    expect(sections.map((s) => s.skeleton.split('\n')[0])).toEqual([
      '@proc:dbo.usp_Streaks @lines:8 @ignored',
      '@proc:dbo.usp_Streaks @lines:9-27 @output:dbo.[Rep%20Streak]',
    ]);
    expect(sections.map((s) => s.skeleton).join('\n')).not.toMatch(/Given parameter @(S|Prev)\b/);
  });
});

// A bank file: a header line, one line per payment from a cursor, then a trailer. The trailer's
// line number is bumped after the loop (`SET @LineNo = @LineNo + 1`) for the trailer alone.
const BANK_FILE = `CREATE TABLE dbo.[Bank Payment] ([Payment ID] int NOT NULL PRIMARY KEY, Amount money NOT NULL);
GO
CREATE TABLE dbo.[File Line] ([Line No] int NOT NULL PRIMARY KEY, [Line Text] varchar(100) NULL);
GO
CREATE PROCEDURE dbo.usp_BankFile
AS
BEGIN
    DECLARE @Id int, @Amt money, @LineNo int, @Cnt int
    SELECT @LineNo = 1, @Cnt = 0
    DELETE dbo.[File Line]
    INSERT dbo.[File Line] ([Line No], [Line Text]) VALUES (@LineNo, 'HDR')
    DECLARE pay CURSOR LOCAL FAST_FORWARD FOR SELECT [Payment ID], Amount FROM dbo.[Bank Payment] ORDER BY [Payment ID]
    OPEN pay
    FETCH NEXT FROM pay INTO @Id, @Amt
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @LineNo = @LineNo + 1
        INSERT dbo.[File Line] ([Line No], [Line Text]) VALUES (@LineNo, 'PAY' + STR(@Amt, 12, 2))
        SET @Cnt = @Cnt + 1
        FETCH NEXT FROM pay INTO @Id, @Amt
    END
    CLOSE pay
    DEALLOCATE pay
    SET @LineNo = @LineNo + 1
    INSERT dbo.[File Line] ([Line No], [Line Text]) VALUES (@LineNo, 'TRL' + CAST(@Cnt AS varchar(10)))
END
GO
`;

describe('sections propose and a trailer after the loop whose line number is bumped first', () => {
  it('moves the bump with the trailer into the loop\'s section, so check accepts the proposal', async () => {
    const { graph, outline, catalog, sections } = proposalOf(BANK_FILE);
    const parsed = await Promise.all(sections.map(({ section: s, skeleton }) => parseFeature(skeleton, `sections/dbo.usp_BankFile/${s.number}-${s.slug}.feature`, { catalog })));
    const specs = parsed.map((p) => p.spec as SectionSpec);
    // the bump at line 24 goes with the trailer's INSERT at 25 (before: it stayed with the header's section, lines 9-11)
    expect(sections.map((s) => s.skeleton.split('\n')[0])).toContain('@proc:dbo.usp_BankFile @lines:12-25 @output:dbo.[File%20Line]');
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });
});
