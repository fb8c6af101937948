import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A health insurer's member extract lists each member's diagnosis codes with
// STUFF((SELECT DISTINCT ',' + Code … FOR XML PATH('')), 1, 1, ''). Without ORDER BY the values
// come in the plan's order (a sort or a hash of the DISTINCT: SELECT leaves it open,
// learn.microsoft.com/sql/t-sql/queries/select-order-by-clause-transact-sql), so capture must list
// the list as non-reproducible instead of keeping whatever order DuckDB's hash gave.
const TABLES = `CREATE TABLE dbo.ClaimDiagnosis (ClaimID int NOT NULL, MemberID int NOT NULL, DiagCode varchar(8) NOT NULL)
GO
CREATE TABLE dbo.MemberDiag (MemberID int NOT NULL PRIMARY KEY, DiagList varchar(200) NULL, Codes int NOT NULL)
GO
`;

function extract(orderBy: string): string {
  return `CREATE PROCEDURE dbo.usp_MemberDiag
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.MemberDiag (MemberID, DiagList, Codes)
  SELECT m.MemberID,
         STUFF((SELECT DISTINCT ',' + d.DiagCode FROM dbo.ClaimDiagnosis d WHERE d.MemberID = m.MemberID${orderBy} FOR XML PATH('')), 1, 1, ''),
         (SELECT COUNT(DISTINCT d.DiagCode) FROM dbo.ClaimDiagnosis d WHERE d.MemberID = m.MemberID)
  FROM (SELECT DISTINCT MemberID FROM dbo.ClaimDiagnosis) m;
END
GO
`;
}

async function capture(procedure: string, rows: string): Promise<{ code: number; err: string; manifest: { nonReproducible: string[]; nonReproducibleCauses: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'claims-probe-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/usp_MemberDiag.sql'), procedure);
    writeFileSync(join(ws, 'data/dbo.ClaimDiagnosis.csv'), `ClaimID,MemberID,DiagCode\n${rows}`);
    const r = await runMigrate(['capture', 'dbo.usp_MemberDiag', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
    return { code: r.code, err: r.err, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [], nonReproducibleCauses: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: SELECT DISTINCT … FOR XML PATH(\'\') without ORDER BY', () => {
  const rows = '101,1,E11.9\n101,1,I10\n102,1,Z79.4\n103,1,I10\n201,2,J06.9\n202,2,J06.9\n';

  it('lists the concatenated codes as non-reproducible, naming the subquery, not the count beside them', async () => {
    const r = await capture(extract(''), rows);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.manifest.nonReproducible).toEqual(['dbo.MemberDiag.DiagList']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/the values SELECT DISTINCT … FOR XML PATH\(''\) without ORDER BY concatenates at .*usp_MemberDiag\.sql:7:17/)]);
  });

  it('keeps the list when ORDER BY decides it, or when each member has one distinct code', async () => {
    expect((await capture(extract(" ORDER BY ',' + d.DiagCode"), rows)).manifest.nonReproducible).toEqual([]);
    expect((await capture(extract(''), '101,1,I10\n102,1,I10\n201,2,J06.9\n')).manifest.nonReproducible).toEqual([]);
  });
});

// STRING_SPLIT: "The order of the output may vary as the order is not guaranteed to match the
// order of the substrings in the input string" unless enable_ordinal gives each its position
// (learn.microsoft.com/sql/t-sql/functions/string-split-transact-sql). A diagnosis list numbered
// with ROW_NUMBER() OVER (… ORDER BY (SELECT NULL)) is numbered in the plan's order: capture keeps
// the string's order (what SQL Server gives in practice) and marks the numbers non-reproducible.
const SPLIT_TABLES = `CREATE TABLE dbo.Claim (ClaimID int NOT NULL PRIMARY KEY, DiagCodes varchar(100) NULL)
GO
CREATE TABLE dbo.ClaimDiagnosis (ClaimID int NOT NULL, Seq int NOT NULL, DiagCode varchar(8) NOT NULL, PRIMARY KEY (ClaimID, Seq))
GO
`;

function splitter(numbering: string, split: string): string {
  return `CREATE PROCEDURE dbo.usp_SplitDiagnoses
AS
BEGIN
  SET NOCOUNT ON;
  INSERT dbo.ClaimDiagnosis (ClaimID, Seq, DiagCode)
  SELECT c.ClaimID, ROW_NUMBER() OVER (PARTITION BY c.ClaimID ORDER BY ${numbering}), LTRIM(RTRIM(s.value))
  FROM dbo.Claim c CROSS APPLY ${split} s
  WHERE LTRIM(RTRIM(s.value)) <> '';
END
GO
`;
}

async function captureSplit(procedure: string): Promise<{ code: number; err: string; rows: string; manifest: { nonReproducible: string[]; nonReproducibleCauses: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'claims-split-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), SPLIT_TABLES);
    writeFileSync(join(ws, 'procedures/usp_SplitDiagnoses.sql'), procedure);
    writeFileSync(join(ws, 'data/dbo.Claim.csv'), 'ClaimID,DiagCodes\n101,"E11.9,I10, Z79.4"\n102,I10\n103,\n');
    const r = await runMigrate(['capture', 'dbo.usp_SplitDiagnoses', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
    const rows = r.code === 0 ? readFileSync(join(ws, 'out', 'dbo.ClaimDiagnosis.csv'), 'utf8') : '';
    return { code: r.code, err: r.err, rows, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [], nonReproducibleCauses: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: pieces of STRING_SPLIT numbered without an order', () => {
  it("numbers them in the string's order and marks the numbers non-reproducible", async () => {
    const r = await captureSplit(splitter('(SELECT NULL)', "STRING_SPLIT(c.DiagCodes, ',')"));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.rows).toBe('ClaimID,Seq,DiagCode\n101,1,E11.9\n101,2,I10\n101,3,Z79.4\n102,1,I10\n');
    expect(r.manifest.nonReproducible).toEqual(expect.arrayContaining(['dbo.ClaimDiagnosis.DiagCode', 'dbo.ClaimDiagnosis.Seq']));
    // the window over the three tied pieces of claim 101 is followed to what it reaches (order-check.ts):
    // its own cause, and the other-order cause, both name it
    expect(r.manifest.nonReproducibleCauses.length).toBeGreaterThan(0);
    for (const cause of r.manifest.nonReproducibleCauses) expect(cause).toMatch(/ROW_NUMBER\(\) OVER at .*usp_SplitDiagnoses\.sql:6:34/);
    expect(r.manifest.nonReproducibleCauses).toEqual(expect.arrayContaining([expect.stringMatching(/three or more of them tied and differing/)]));
  });

  it('keeps them when enable_ordinal gives the order', async () => {
    const r = await captureSplit(splitter('s.ordinal', "STRING_SPLIT(c.DiagCodes, ',', 1)"));
    expect(r.err).toBe('');
    expect(r.rows).toBe('ClaimID,Seq,DiagCode\n101,1,E11.9\n101,2,I10\n101,3,Z79.4\n102,1,I10\n');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// TOP: "If the query has no ORDER BY clause, the order of the rows is arbitrary"
// (learn.microsoft.com/sql/t-sql/queries/top-transact-sql). A "latest" lookup that forgot its
// ORDER BY returns any one of the member's rows: capture marks what it feeds.
const LOOKUP_TABLES = `CREATE TABLE dbo.Claim (ClaimID int NOT NULL PRIMARY KEY, MemberID int NOT NULL, ProcCode varchar(5) NOT NULL)
GO
CREATE TABLE dbo.MemberLast (MemberID int NOT NULL PRIMARY KEY, ProcCode varchar(5) NULL, Claims int NOT NULL)
GO
`;

function lookup(orderBy: string): string {
  return `CREATE PROCEDURE dbo.usp_MemberLast
AS
BEGIN
  SET NOCOUNT ON;
  INSERT dbo.MemberLast (MemberID, ProcCode, Claims)
  SELECT m.MemberID,
         (SELECT TOP 1 c.ProcCode FROM dbo.Claim c WHERE c.MemberID = m.MemberID${orderBy}),
         (SELECT COUNT(*) FROM (SELECT TOP 5 c.ClaimID FROM dbo.Claim c WHERE c.MemberID = m.MemberID) f)
  FROM (SELECT DISTINCT MemberID FROM dbo.Claim) m;
END
GO
`;
}

async function captureLookup(procedure: string): Promise<{ code: number; err: string; manifest: { nonReproducible: string[]; nonReproducibleCauses: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'claims-top-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), LOOKUP_TABLES);
    writeFileSync(join(ws, 'procedures/usp_MemberLast.sql'), procedure);
    writeFileSync(join(ws, 'data/dbo.Claim.csv'), 'ClaimID,MemberID,ProcCode\n101,1,99213\n102,1,80053\n201,2,97110\n');
    const r = await runMigrate(['capture', 'dbo.usp_MemberLast', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
    return { code: r.code, err: r.err, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [], nonReproducibleCauses: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: TOP without ORDER BY', () => {
  it('marks the value a TOP 1 without ORDER BY picks, not a count TOP 5 cannot change', async () => {
    const r = await captureLookup(lookup(''));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.manifest.nonReproducible).toEqual(['dbo.MemberLast.ProcCode']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/the rows a TOP without ORDER BY chooses between at .*usp_MemberLast\.sql:7:11/)]);
  });

  it('keeps the value when ORDER BY decides it', async () => {
    expect((await captureLookup(lookup(' ORDER BY c.ClaimID DESC'))).manifest.nonReproducible).toEqual([]);
  });
});

// UNION removes duplicates as the collation compares (case-insensitive, trailing blanks
// ignored, learn.microsoft.com/sql/t-sql/language-elements/set-operators-union-transact-sql):
// of 'e11.9' and 'E11.9' one row is left, spelled as the plan met it first.
async function captureUnion(rows: string, operator = 'UNION'): Promise<{ code: number; err: string; manifest: { nonReproducible: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'claims-union-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), 'CREATE TABLE dbo.ClaimDiagnosis (ClaimID int NOT NULL, DiagCode varchar(8) NOT NULL)\nGO\n');
    writeFileSync(join(ws, 'procedures/usp_Codes.sql'), `CREATE PROCEDURE dbo.usp_Codes
AS
  SELECT DiagCode FROM dbo.ClaimDiagnosis WHERE ClaimID = 101
  ${operator}
  SELECT DiagCode FROM dbo.ClaimDiagnosis WHERE ClaimID = 102;
GO
`);
    writeFileSync(join(ws, 'data/dbo.ClaimDiagnosis.csv'), `ClaimID,DiagCode\n${rows}`);
    const r = await runMigrate(['capture', 'dbo.usp_Codes', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
    return { code: r.code, err: r.err, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: the spelling UNION, EXCEPT and INTERSECT keep of values equal but for case', () => {
  it('marks the column when the sides spell a value differently, not when they agree', async () => {
    const mixed = await captureUnion('101,e11.9\n102,E11.9\n102,I10\n');
    expect(mixed.err).toBe('');
    expect(mixed.manifest.nonReproducible).toEqual(['result-set-1.DiagCode']);
    expect((await captureUnion('101,E11.9\n102,E11.9\n102,I10\n')).manifest.nonReproducible).toEqual([]);
  });

  it('marks what EXCEPT and INTERSECT keep of a value the left side spells two ways', async () => {
    expect((await captureUnion('101,e11.9\n101,E11.9\n102,I10\n', 'EXCEPT')).manifest.nonReproducible).toEqual(['result-set-1.DiagCode']);
    expect((await captureUnion('101,e11.9\n101,E11.9\n102,E11.9\n', 'INTERSECT')).manifest.nonReproducible).toEqual(['result-set-1.DiagCode']);
    expect((await captureUnion('101,E11.9\n101,E11.9\n102,I10\n', 'EXCEPT')).manifest.nonReproducible).toEqual([]);
  });
});

// MIN and MAX compare text by the collation: 'e11.9', 'E11.9' and 'E11.9 ' are one value to it
// (learn.microsoft.com/sql/t-sql/functions/min-transact-sql: "MIN ... uses the collation"), and
// the spelling returned is the one the plan meets first.
async function captureExtremes(rows: string): Promise<{ code: number; err: string; rows: string; manifest: { nonReproducible: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'claims-minmax-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), 'CREATE TABLE dbo.ClaimDiagnosis (MemberID int NOT NULL, DiagCode varchar(8) NOT NULL)\nGO\n');
    writeFileSync(join(ws, 'procedures/usp_Extremes.sql'), `CREATE PROCEDURE dbo.usp_Extremes
AS
  SELECT MemberID, MIN(DiagCode) AS FirstCode, MAX(DiagCode) AS LastCode, COUNT(*) AS Codes
  FROM dbo.ClaimDiagnosis GROUP BY MemberID ORDER BY MemberID;
GO
`);
    writeFileSync(join(ws, 'data/dbo.ClaimDiagnosis.csv'), `MemberID,DiagCode\n${rows}`);
    const r = await runMigrate(['capture', 'dbo.usp_Extremes', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
    const out = r.code === 0 ? readFileSync(join(ws, 'out', 'result-set-1.csv'), 'utf8') : '';
    return { code: r.code, err: r.err, rows: out, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: the spelling MIN and MAX return of text', () => {
  it('orders by the collation and marks a value spelled two ways, not one spelled one way', async () => {
    const mixed = await captureExtremes('1,e11.9\n1,E11.9\n1,I10\n2,Z00.00\n2,z00.00 \n2,A01\n');
    expect(mixed.err).toBe('');
    expect(mixed.rows).toBe('MemberID,FirstCode,LastCode,Codes\n1,E11.9,I10,3\n2,A01,Z00.00,3\n');
    expect(mixed.manifest.nonReproducible).toEqual(['result-set-1.FirstCode', 'result-set-1.LastCode']);
    const plain = await captureExtremes('1,E11.9\n1,b\n1,I10\n2,Z00.00\n2,A01\n');
    expect(plain.rows).toBe('MemberID,FirstCode,LastCode,Codes\n1,b,I10,3\n2,A01,Z00.00,2\n');
    expect(plain.manifest.nonReproducible).toEqual([]);
  });
});

describe('migrate capture: SELECT * of STRING_SPLIT', () => {
  it('returns its value column only (the position kept for the order check stays hidden)', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'claims-star-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      writeFileSync(join(ws, 'procedures/usp_Pieces.sql'), "CREATE PROCEDURE dbo.usp_Pieces\nAS\n  SELECT * FROM STRING_SPLIT('E11.9,I10', ',') s;\nGO\n");
      mkdirSync(join(ws, 'data'));
      const r = await runMigrate(['capture', 'dbo.usp_Pieces', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
      expect(r.err).toBe('');
      expect(readFileSync(join(ws, 'out', 'result-set-1.csv'), 'utf8').split('\n')[0]).toBe('value');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
