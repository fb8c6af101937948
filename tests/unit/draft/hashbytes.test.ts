import { createHash } from 'node:crypto';
import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// HASHBYTES hashes the bytes SQL Server holds (varchar in its code page, nvarchar as UTF-16LE),
// and binary values compare byte by byte with trailing zero bytes not counting: an SCD type-2
// load's change detection. Each draft is checked against the emulator on the same T-SQL.
const PERSON_DDL = `CREATE TABLE dbo.Person (Id int NOT NULL, Name varchar(20) NULL, City varchar(20) NULL, Nick nvarchar(20) NULL);
CREATE TABLE dbo.Hashes (Id int NOT NULL, Sha256 varbinary(32) NULL, Md5 varbinary(16) NULL, Sha1 varbinary(20) NULL, Wide varbinary(32) NULL, Mixed varbinary(32) NULL, Padded binary(20) NULL);`;
const PERSON = {
  name: 'dbo.Person', columns: ['Id:int', 'Name:text?', 'City:text?', 'Nick:text?'],
  csv: 'Id,Name,City,Nick\n1,Ann,Oslo,Zoë\n2,,Rome,😀 x\n3,"Bo ",,\n4,"",a|b,""\n',
};
const HASHES = { name: 'dbo.Hashes', columns: ['Id:int', 'Sha256:text?', 'Md5:text?', 'Sha1:text?', 'Wide:text?', 'Mixed:text?', 'Padded:text?'] };

const hashProcedure = (varcharHash: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Hashes (Id, Sha256, Md5, Sha1, Wide, Mixed, Padded)
  SELECT Id,
         ${varcharHash},
         HASHBYTES('MD5', ISNULL(Name, '') + '|' + ISNULL(City, '')),
         HASHBYTES('SHA1', Name),
         HASHBYTES('SHA2_256', Nick),
         HASHBYTES('sha2_256', CONCAT(Nick, '|', Id)),
         HASHBYTES('MD5', City)
  FROM dbo.Person;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of HASHBYTES', () => {
  it('hash varchar as its bytes, nvarchar as UTF-16LE and NULL as NULL, as the emulator does', async () => {
    const r = await draftAgainstEmulator({ ddl: PERSON_DDL, procedure: hashProcedure("HASHBYTES('SHA2_256', CONCAT(Name, '|', City))"), inputs: [PERSON], output: HASHES });
    expect(r.draftError).toBeUndefined();
    expect(r.emulatorError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    const ann = r.draft?.find((row) => row.startsWith('1|'))?.split('|');
    // the digests any tool computes over those bytes
    const hex = (algorithm: string, bytes: Buffer): string => `0x${createHash(algorithm).update(bytes).digest('hex').toUpperCase()}`;
    expect(ann?.slice(1, 5)).toEqual([
      hex('sha256', Buffer.from('Ann|Oslo', 'latin1')), hex('md5', Buffer.from('Ann|Oslo', 'latin1')),
      hex('sha1', Buffer.from('Ann', 'latin1')), hex('sha256', Buffer.from('Zoë', 'utf16le')),
    ]);
    const emoji = r.draft?.find((row) => row.startsWith('2|'))?.split('|');
    expect(emoji?.[4]).toBe(hex('sha256', Buffer.from('😀 x', 'utf16le')));
    // binary(20) holds a 16-byte MD5 padded with four zero bytes
    expect(ann?.[6]).toBe(`${hex('md5', Buffer.from('Oslo', 'latin1'))}00000000`);
    const bo = r.draft?.find((row) => row.startsWith('3|'))?.split('|');
    expect([bo?.[4], bo?.[6]]).toEqual(['NULL', 'NULL']);
  });

  it('stop, as the emulator does, on varchar text outside ASCII (its code page is not known)', async () => {
    const procedure = hashProcedure("HASHBYTES('SHA2_256', CONVERT(varchar(20), Nick))");
    const inputs = [{ ...PERSON, csv: 'Id,Name,City,Nick\n1,Ann,Oslo,Zoë\n' }];
    await expect(draftAgainstEmulator({ ddl: PERSON_DDL, procedure, inputs, output: HASHES })).rejects.toThrow('HASHBYTES of varchar text holding a character outside ASCII');
    const body = draftOf(procedure, { ddl: PERSON_DDL, inputs, output: HASHES });
    await expect(runDraft(session, body, [{ ...PERSON, rows: [[1, 'Ann', 'Oslo', 'Zoë']] }])).rejects.toThrow('proc.sql:5:10: HASHBYTES of varchar text holding a character outside ASCII');
  });

  it('cut a hash assigned to a shorter varbinary(n) variable, and pad a binary(n) one, as the emulator does', async () => {
    const ddl = `${PERSON_DDL}\nCREATE TABLE dbo.Vars (Id int NOT NULL, Cut varbinary(8) NULL, Pad varbinary(64) NULL, Same int NULL);`;
    const procedure = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @cut varbinary(4) = HASHBYTES('MD5', N'abc'), @pad binary(20) = HASHBYTES('MD5', N'abc');
  INSERT INTO dbo.Vars (Id, Cut, Pad, Same) SELECT Id, @cut, @pad, CASE WHEN @pad = HASHBYTES('MD5', Nick) THEN 1 ELSE 0 END FROM dbo.Person;
END`;
    const r = await draftAgainstEmulator({ ddl, procedure, inputs: [{ ...PERSON, csv: 'Id,Name,City,Nick\n1,,,abc\n2,,,abd\n' }], output: { name: 'dbo.Vars', columns: ['Id:int', 'Cut:text?', 'Pad:text?', 'Same:int?'] } });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    const md5 = createHash('md5').update(Buffer.from('abc', 'utf16le')).digest('hex').toUpperCase();
    expect(r.draft).toEqual([`1|0x${md5.slice(0, 8)}|0x${md5}00000000|1`, `2|0x${md5.slice(0, 8)}|0x${md5}00000000|0`]);
  });

  it('hash a varchar value the same whatever its ASCII text holds (blanks, empty)', async () => {
    const r = await draftAgainstEmulator({ ddl: PERSON_DDL, procedure: hashProcedure("HASHBYTES('SHA2_256', Name + ' ' + City)"), inputs: [{ ...PERSON, csv: 'Id,Name,City,Nick\n1,"a  "," b ",\n2,"","",\n3,x,,\n' }], output: HASHES });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});

// Change detection: the dimension's stored hash (hex text in a spec, as capture writes it)
// against the hash of the staged row. The emulator loads the hash as varbinary, the draft reads
// it as the text a spec holds, so the emulator's rows are compared with the draft run on text.
const SCD_DDL = `CREATE TABLE dbo.Stage (Id int NOT NULL, Name varchar(20) NULL, City nvarchar(20) NULL);
CREATE TABLE dbo.Dim (Id int NOT NULL, RowHash varbinary(32) NULL, Flag varbinary(4) NULL);
CREATE TABLE dbo.Changes (Id int NOT NULL, Verdict varchar(10) NULL, SameFlag int NULL, NewHash varbinary(32) NULL);`;
const STAGE = { name: 'dbo.Stage', columns: ['Id:int', 'Name:text?', 'City:text?'], csv: 'Id,Name,City\n1,Ann,Oslo\n2,Bob,Bergen\n3,Cy,\n4,Di,Pisa\n' };
const ANN = '0x49E0B0C5FE0DDA2D7B8A6A0F6E2C4E5B1B0F8A6C1C7A37E5D0E3B9F3B2C1A4D5';
const DIM_ROWS: (string | number | null)[][] = [[1, ANN, '0x01'], [2, null, '0x0100'], [3, '0xab', '0x0001'], [5, ANN, null]];
const DIM = { name: 'dbo.Dim', columns: ['Id:int', 'RowHash:text?', 'Flag:text?'] };
const CHANGES: HarnessTable = { name: 'dbo.Changes', columns: ['Id:int', 'Verdict:text?', 'SameFlag:int?', 'NewHash:text?'] };
const SCD_PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Changes (Id, Verdict, SameFlag, NewHash)
  SELECT s.Id,
         CASE WHEN d.Id IS NULL THEN 'new' WHEN d.RowHash <> HASHBYTES('SHA2_256', CONCAT(s.Name, '|', s.City)) THEN 'changed' ELSE 'same' END,
         CASE WHEN d.Flag = 0x01 THEN 1 WHEN d.Flag <> 0x01 THEN 0 END,
         HASHBYTES('SHA2_256', CONCAT(s.Name, '|', s.City))
  FROM dbo.Stage s LEFT JOIN dbo.Dim d ON d.Id = s.Id;
END`;

describe('drafts comparing binary values', () => {
  it('tell changed rows by = and <> of hashes, trailing zero bytes not counting, as the emulator does', async () => {
    // Ann's stored hash is the draft's own hash of her staged row: the first run finds it
    const first = draftOf(SCD_PROCEDURE, { ddl: SCD_DDL, inputs: [STAGE, DIM], output: CHANGES });
    const ownHash = (await runDraft(session, first, [{ ...STAGE, rows: [[1, 'Ann', 'Oslo']] }, { ...DIM, rows: [] }]))[0]?.split('|')[3] as string;
    expect(ownHash).toMatch(/^0x[0-9A-F]{64}$/);
    const rows: (string | number | null)[][] = DIM_ROWS.map((r) => (r[1] === ANN ? [r[0] ?? null, ownHash.toLowerCase(), r[2] ?? null] : r));
    const csv = `Id,RowHash,Flag\n${rows.map((r) => r.map((v) => v ?? '').join(',')).join('\n')}\n`;
    const r = await draftAgainstEmulator({ ddl: SCD_DDL, procedure: SCD_PROCEDURE, inputs: [STAGE, { ...DIM, csv }], output: CHANGES });
    expect(r.emulatorError).toBeUndefined();
    const drafted = await runDraft(session, first, [{ ...STAGE, rows: [[1, 'Ann', 'Oslo'], [2, 'Bob', 'Bergen'], [3, 'Cy', null], [4, 'Di', 'Pisa']] }, { ...DIM, rows }]);
    expect(drafted).toEqual(r.emulator);
    expect(drafted.map((row) => row.split('|').slice(0, 3).join('|'))).toEqual(['1|same|1', '2|same|1', '3|changed|0', '4|new|NULL']);
  });

  it('stop on a spec value that is not 0x and pairs of hex digits', async () => {
    const body = draftOf(SCD_PROCEDURE, { ddl: SCD_DDL, inputs: [STAGE, DIM], output: CHANGES });
    await expect(runDraft(session, body, [{ ...STAGE, rows: [[1, 'Ann', 'Oslo']] }, { ...DIM, rows: [[1, 'A962', '0x01']] }])).rejects.toThrow('proc.sql:5:49: a binary value that is not 0x followed by pairs of hex digits');
  });

  it('stop where a hash is stored in a varbinary column too short for it (error 2628)', async () => {
    const ddl = SCD_DDL.replace('NewHash varbinary(32)', 'NewHash varbinary(16)');
    // the emulator refuses the value rather than store 32 bytes in 16
    await expect(draftAgainstEmulator({ ddl, procedure: SCD_PROCEDURE, inputs: [STAGE, { ...DIM, csv: 'Id,RowHash,Flag\n' }], output: CHANGES })).rejects.toThrow("storing more than 16 bytes in column 'NewHash'");
    const body = draftOf(SCD_PROCEDURE, { ddl, inputs: [STAGE, DIM], output: CHANGES });
    await expect(runDraft(session, body, [{ ...STAGE, rows: [[1, 'Ann', 'Oslo']] }, { ...DIM, rows: [] }])).rejects.toThrow("String or binary data would be truncated in table 'dbo.Changes', column 'NewHash'");
  });

  it.each([
    ["CHECKSUM(s.Name, s.City) = 1", 'CHECKSUM()'],
    ["BINARY_CHECKSUM(s.Name) = 1", 'BINARY_CHECKSUM()'],
    ["HASHBYTES('SHA2_512', s.Name) = d.RowHash", 'HASHBYTES()'],
    ["HASHBYTES('MD4', s.Name) = d.RowHash", 'HASHBYTES()'],
    ["HASHBYTES('SHA2_256', s.Id) = d.RowHash", 'HASHBYTES()'],
    ["d.RowHash < HASHBYTES('MD5', s.Name)", 'varbinary < varbinary'],
    ["d.RowHash = s.Name", 'varbinary = varchar(20)'],
    ['d.RowHash = 0xABC', 'literal 0xABC'],
  ])('refuse %s at its line and column', (condition, construct) => {
    const proc = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Changes (Id, Verdict) SELECT s.Id, 'x' FROM dbo.Stage s JOIN dbo.Dim d ON d.Id = s.Id
  WHERE ${condition};
END`;
    const body = draftOf(proc, { ddl: SCD_DDL, inputs: [STAGE, DIM], output: CHANGES });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]).toMatchObject({ line: 4, construct });
  });

  it('refuse hashing a text column no CREATE TABLE declares (varchar and nvarchar hash differently)', () => {
    const ddl = SCD_DDL.replace(/CREATE TABLE dbo\.Stage[^;]*;/, '');
    const proc = SCD_PROCEDURE.replace("CONCAT(s.Name, '|', s.City)", "ISNULL(s.Name, '') + '|'");
    const body = draftOf(proc, { ddl, inputs: [STAGE, DIM], output: CHANGES });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]).toMatchObject({ line: 5, construct: 'HASHBYTES()' });
    expect(body.refusals[0]?.reason).toContain('no CREATE TABLE declares');
  });
});
