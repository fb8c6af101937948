import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';

// A cursor over members fetches each member's loyalty rate and bumps it for gold members before
// using it (`SET @Rate = @Rate + 1.5`, `SET @Pts += 10`). FETCH sets @Rate again for every row, so
// the bump is per member, not a running value: idiom (f) drafts it (it refused the loop as "@Rate
// counts across entities"). A variable the cursor does not fetch, added to itself, still runs on
// from member to member: a running value, drafted as one (idiom (c)), never per member.
const DDL = `CREATE TABLE dbo.Member (MemberNo int NOT NULL PRIMARY KEY, Tier char(1) NOT NULL, Rate decimal(5,2) NULL, Spend decimal(12,2) NOT NULL);
CREATE TABLE dbo.MemberReward (MemberNo int NOT NULL PRIMARY KEY, Reward decimal(12,2) NULL, Points int NULL);`;

const loop = (body: string, declare = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @No int, @Rate decimal(5,2), @Tier char(1), @Spend decimal(12,2), @Pts int, @Reward decimal(12,2);${declare}
  DECLARE m CURSOR LOCAL FAST_FORWARD FOR SELECT MemberNo, Rate, Tier, Spend FROM dbo.Member ORDER BY MemberNo;
  OPEN m;
  FETCH NEXT FROM m INTO @No, @Rate, @Tier, @Spend;
  WHILE @@FETCH_STATUS = 0
  BEGIN
${body}
    FETCH NEXT FROM m INTO @No, @Rate, @Tier, @Spend;
  END
  CLOSE m;
  DEALLOCATE m;
END`;

const inputs: ParityCase['inputs'] = [
  { name: 'dbo.Member', columns: ['MemberNo:int', 'Tier:text', 'Rate:decimal(5,2)?', 'Spend:decimal(12,2)'], csv: 'MemberNo,Tier,Rate,Spend\n1,G,2.50,1200.73\n2,g,,999.99\n3,B,1.75,68.78\n4,G,4.25,20000.00\n5,G,,1000.00\n' },
  { name: 'dbo.MemberReward', columns: ['MemberNo:int', 'Reward:decimal(12,2)?', 'Points:int?'], csv: 'MemberNo,Reward,Points\n' },
];
const output = { name: 'dbo.MemberReward', columns: ['MemberNo:int', 'Reward:decimal(12,2)?', 'Points:int?'] };

it('drafts a fetched rate bumped under an IF, and a compound SET on a value the iteration set, as the emulator computes them', async () => {
  const r = await draftAgainstEmulator({
    ddl: DDL,
    inputs,
    output,
    procedure: loop(`    IF @Tier = 'G' AND @Spend >= 1000
        SET @Rate = @Rate + 1.5;
    SET @Pts = CAST(@Spend AS int) / 100;
    SET @Pts += 10;
    SET @Reward = ROUND(@Spend * @Rate / 100, 2);
    IF @Reward > 500 SET @Reward = 500;
    INSERT INTO dbo.MemberReward (MemberNo, Reward, Points) VALUES (@No, @Reward, @Pts);`),
  });
  expect(r.draftError).toBeUndefined();
  expect(r.emulator).toEqual(['1|48.03|22', '2|NULL|19', '3|1.20|10', '4|500.00|210', '5|NULL|20']);
  expect(r.draft).toEqual(r.emulator);
});

it('keeps a variable the cursor does not fetch that adds to itself a running value (idiom (c)), as the emulator counts it', async () => {
  const r = await draftAgainstEmulator({
    ddl: DDL,
    inputs,
    output,
    procedure: loop(`    SET @Pts = @Pts + 1;
    INSERT INTO dbo.MemberReward (MemberNo, Reward, Points) VALUES (@No, NULL, @Pts);`, '\n  SET @Pts = 0;'),
  });
  expect(r.emulator).toEqual(['1|NULL|1', '2|NULL|2', '3|NULL|3', '4|NULL|4', '5|NULL|5']);
  expect(r.draft).toEqual(r.emulator);
});

// Inside a walk over keys nested in the cursor, the bump runs once per key walked, so the fetched
// rate grows from key to key of one member: not a per-entity value. Drafted or refused, the draft
// never gives the once-bumped rate to every key.
it('never drafts a bump inside a nested walk over keys as a single per-entity bump', async () => {
  const ddl = `${DDL}
CREATE TABLE dbo.Visit (MemberNo int NOT NULL, VisitNo int NOT NULL);
CREATE TABLE dbo.VisitRate (MemberNo int NOT NULL, VisitNo int NOT NULL, Rate decimal(5,2) NULL);`;
  const procedure = loop(`    SELECT @v = MIN(VisitNo) FROM dbo.Visit WHERE MemberNo = @No;
    WHILE @v IS NOT NULL
    BEGIN
      SET @Rate = @Rate + 1;
      INSERT INTO dbo.VisitRate (MemberNo, VisitNo, Rate) VALUES (@No, @v, @Rate);
      SELECT @v = MIN(VisitNo) FROM dbo.Visit WHERE MemberNo = @No AND VisitNo > @v;
    END`, ' DECLARE @v int;');
  const visits = { name: 'dbo.Visit', columns: ['MemberNo:int', 'VisitNo:int'], csv: 'MemberNo,VisitNo\n1,10\n1,11\n1,12\n3,5\n' };
  const out = { name: 'dbo.VisitRate', columns: ['MemberNo:int', 'VisitNo:int', 'Rate:decimal(5,2)?'] };
  const r = await draftAgainstEmulator({ ddl, procedure, inputs: [...inputs, visits], output: out }).catch((e: unknown) => e);
  if (r instanceof Error) {
    expect(r.message).toMatch(/^refused: /);
    return;
  }
  const parity = r as Awaited<ReturnType<typeof draftAgainstEmulator>>;
  expect(parity.emulator).toEqual(['1|10|3.50', '1|11|4.50', '1|12|5.50', '3|5|2.75']);
  expect(parity.draft).toEqual(parity.emulator);
});
