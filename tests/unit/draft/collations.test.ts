import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// Drafts compare text as SQL Server's default collation does (case-insensitive, accent-sensitive,
// trailing blanks ignored). A COLLATE that compares the same way (DATABASE_DEFAULT, any …_CI_AS)
// translates; a case-sensitive or binary one, on an expression or on a column the section reads,
// is refused where it stands, never compared the default way.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const CODE = { name: 'dbo.Code', columns: ['Code:text', 'Label:text?'] };
const HIT = { name: 'dbo.CodeHit', columns: ['Code:text', 'Hits:int'] };
const ddl = (collation: string): string => `CREATE TABLE dbo.Code (Code varchar(10) ${collation} NOT NULL, Label varchar(20) NULL);
CREATE TABLE dbo.CodeHit (Code varchar(10) NOT NULL, Hits int NOT NULL);`;
const HITS = proc("INSERT INTO dbo.CodeHit (Code, Hits) SELECT c.Code, COUNT(*) FROM dbo.Code c WHERE c.Code = 'abc' GROUP BY c.Code;");
const refusals = (body: ReturnType<typeof draftOf>): string => body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n');

describe('collations in drafts', () => {
  it('refuses reading a column declared with a binary or case-sensitive collation', () => {
    for (const collation of ['COLLATE Latin1_General_BIN2', 'COLLATE SQL_Latin1_General_CP1_CS_AS', 'COLLATE Latin1_General_CI_AI']) {
      const body = draftOf(HITS, { ddl: ddl(collation), inputs: [CODE], output: HIT });
      expect(body.sql).toBeUndefined();
      expect(refusals(body)).toMatch(new RegExp(`proc\\.sql:3:\\d+ column c\\.Code, declared ${collation}: text is compared only as the default`));
    }
  });

  it('drafts a column declared with a case-insensitive, accent-sensitive collation as any other, agreeing with the emulator', async () => {
    const r = await draftAgainstEmulator({
      ddl: ddl('COLLATE SQL_Latin1_General_CP1_CI_AS'), procedure: HITS,
      inputs: [{ ...CODE, csv: 'Code,Label\nabc,x\nabc,y\nabd,z\n' }], output: HIT,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toHaveLength(1);
  });

  it('translates COLLATE DATABASE_DEFAULT and refuses COLLATE of a case-sensitive collation in an expression', () => {
    const plain = draftOf(proc("INSERT INTO dbo.CodeHit (Code, Hits) SELECT c.Code, 1 FROM dbo.Code c WHERE c.Label = 'x' COLLATE DATABASE_DEFAULT;"), { ddl: ddl(''), inputs: [CODE], output: HIT });
    expect(refusals(plain)).toBe('');
    expect(plain.sql).toContain("lower(rtrim('x', ' '))");
    const cs = draftOf(proc("INSERT INTO dbo.CodeHit (Code, Hits) SELECT c.Code, 1 FROM dbo.Code c WHERE c.Label = 'x' COLLATE Latin1_General_CS_AS;"), { ddl: ddl(''), inputs: [CODE], output: HIT });
    expect(refusals(cs)).toMatch(/proc\.sql:3:\d+ COLLATE Latin1_General_CS_AS: text is compared only as the default case-insensitive, accent-sensitive collation; a case- or accent-sensitive comparison/);
  });
});
