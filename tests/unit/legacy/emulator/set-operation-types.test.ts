import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure, readAsText } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';

// A UNION / INTERSECT / EXCEPT column has the type of both sides by data type precedence (the
// UNION page), decimals by the union rule of "Precision, scale, and length": decimal(p1,s1) with
// decimal(p2,s2) is decimal(max(s1,s2) + max(p1-s1, p2-s2), max(s1,s2)), an int counting as
// decimal(10,0), money as decimal(19,4). The left side's type was taken instead. Values are
// compared as the text a capture file holds, so a quotient's scale shows.
//
// dbo.FeeBand row: DiscountRate decimal(5,4) 3.0000, FlatFee decimal(10,2) 3.00, Visits int 7,
// Charge money 3.1234, Score float 2.5, StartDate date 2020-01-02, ClosedAt datetime 2020-01-02 10:30,
// BandCode varchar(5) 'ab', BandName varchar(20) 'abcdefghijKLMNOPQRST'.
const TABLES = `CREATE TABLE dbo.FeeBand (BandId int NOT NULL, DiscountRate decimal(5,4) NULL, FlatFee decimal(10,2) NULL, Visits int NULL,
  Charge money NULL, Score float NULL, StartDate date NULL, ClosedAt datetime NULL, BandCode varchar(5) NULL, BandName varchar(20) NULL)
GO
CREATE VIEW dbo.vFeeFactor AS SELECT DiscountRate AS Factor FROM dbo.FeeBand UNION ALL SELECT FlatFee FROM dbo.FeeBand
GO
`;
const CSV = 'BandId,DiscountRate,FlatFee,Visits,Charge,Score,StartDate,ClosedAt,BandCode,BandName\n1,3.0000,3.00,7,3.1234,2.5,2020-01-02,2020-01-02 10:30:00,ab,abcdefghijKLMNOPQRST\n';
const BOTH_FEES = 'SELECT DiscountRate AS Factor FROM dbo.FeeBand UNION ALL SELECT FlatFee FROM dbo.FeeBand';

/** The last result set's cells as capture text, or the refusal. */
async function run(body: string): Promise<(string | null)[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'set-op-types-'));
  const session = await EngineSession.open({ threads: 1 });
  try {
    writeFileSync(join(dir, 'FeeBand.csv'), CSV);
    const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(`CREATE PROCEDURE dbo.usp_FeeReport AS\nBEGIN\n${body}\nEND\n`, { file: 'usp_FeeReport.sql' })];
    const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_FeeReport', session, inputs: [{ table: 'dbo.FeeBand', file: join(dir, 'FeeBand.csv') }], clock: '2000-01-01T00:00:00', params: {} });
    const rs = r.resultSets[r.resultSets.length - 1];
    if (rs?.table === undefined) throw new Error('no result set');
    return (await readAsText(session, `SELECT * FROM ${rs.table}`)).rows;
  } finally {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const DECLARE = 'DECLARE @Budget decimal(10,2) = 1000.00;';

describe('the column types of a set operation', () => {
  it.each([
    // decimal(5,4) with decimal(10,2): decimal(4 + max(1, 8), 4) = decimal(12,4). 1000.00 / it:
    // scale max(6, 2 + 12 + 1) = 15 (precision 10 - 2 + 4 + 15 = 27): 333.333333333333333, where
    // decimal(5,4) gave scale 8.
    ['a derived table', `${DECLARE} SELECT @Budget / Factor FROM (${BOTH_FEES}) AS f`, [['333.333333333333333'], ['333.333333333333333']]],
    ['a CTE of UNION', `${DECLARE} WITH f AS (SELECT DiscountRate AS Factor FROM dbo.FeeBand UNION SELECT FlatFee FROM dbo.FeeBand) SELECT @Budget / Factor FROM f`, [['333.333333333333333']]],
    ['a view', `${DECLARE} SELECT @Budget / Factor FROM dbo.vFeeFactor`, [['333.333333333333333'], ['333.333333333333333']]],
    ['INTERSECT', `${DECLARE} SELECT @Budget / Factor FROM (SELECT DiscountRate AS Factor FROM dbo.FeeBand INTERSECT SELECT FlatFee FROM dbo.FeeBand) AS f`, [['333.333333333333333']]],
    ['EXCEPT', `${DECLARE} SELECT @Budget / Factor FROM (SELECT DiscountRate AS Factor FROM dbo.FeeBand EXCEPT SELECT FlatFee FROM dbo.FeeBand WHERE BandId < 0) AS f`, [['333.333333333333333']]],
    // stored in decimal(30,15): the quotient's 15 places kept (8 places gave 333.333333330000000)
    ['INSERT … SELECT', `CREATE TABLE #Share (Amount decimal(30,15)); ${DECLARE} INSERT INTO #Share (Amount) SELECT @Budget / Factor FROM (${BOTH_FEES}) AS f; SELECT Amount FROM #Share`, [['333.333333333333333'], ['333.333333333333333']]],
    // int, decimal(5,4), decimal(10,2): decimal(14,4), then decimal(14,4); / it: scale
    // max(6, 2 + 14 + 1) = 17. 1000 / 7 = 142.857142857142857142…
    ['three sides', `${DECLARE} SELECT @Budget / Factor FROM (SELECT Visits AS Factor FROM dbo.FeeBand UNION ALL ${BOTH_FEES.replace('DiscountRate AS Factor', 'DiscountRate')}) AS f ORDER BY 1`, [['142.85714285714285714'], ['333.33333333333333333'], ['333.33333333333333333']]],
    // int with decimal(10,2): decimal(12,2), not an int divided in floating point. / 3 (a constant,
    // decimal(1,0) in decimal division): scale max(6, 2 + 1 + 1) = 6.
    ['int beside decimal', 'SELECT Factor / 3 FROM (SELECT Visits AS Factor FROM dbo.FeeBand UNION ALL SELECT FlatFee FROM dbo.FeeBand) AS f ORDER BY 1', [['1.000000'], ['2.333333']]],
    // decimal with float: float. 2.5 / 3 = 0.8333333333333334 (not decimal(10,2)'s 0.833333)
    ['decimal beside float', 'SELECT Factor / 3 FROM (SELECT FlatFee AS Factor FROM dbo.FeeBand UNION ALL SELECT Score FROM dbo.FeeBand) AS f ORDER BY 1', [['0.8333333333333334'], ['1.0']]],
    // money with decimal(10,2): decimal(19,4). 3.1234 / 3: scale max(6, 4 + 1 + 1) = 6, 1.041133
    // (money division kept 1.0411; decimal(10,2) cut the money to 3.12, 1.04)
    ['money beside decimal', 'SELECT Factor / 3 FROM (SELECT Charge AS Factor FROM dbo.FeeBand UNION ALL SELECT FlatFee FROM dbo.FeeBand) AS f ORDER BY 1', [['1.000000'], ['1.041133']]],
    ['decimal beside money', 'SELECT Factor / 3 FROM (SELECT FlatFee AS Factor FROM dbo.FeeBand UNION ALL SELECT Charge FROM dbo.FeeBand) AS f ORDER BY 1', [['1.000000'], ['1.041133']]],
    // int with money: money, divided as money (four places, truncated): 7 / 3 = 2.3333, 3.1234 / 3 = 1.0411
    ['int beside money', 'SELECT Factor / 3 FROM (SELECT Visits AS Factor FROM dbo.FeeBand UNION ALL SELECT Charge FROM dbo.FeeBand) AS f ORDER BY 1', [['1.0411'], ['2.3333']]],
    // date with datetime: datetime, style 121 writes its time (the date's became midnight)
    ['date beside datetime', 'SELECT CONVERT(varchar(30), Moment, 121) FROM (SELECT StartDate AS Moment FROM dbo.FeeBand UNION ALL SELECT ClosedAt FROM dbo.FeeBand) AS m ORDER BY 1', [['2020-01-02 00:00:00.000'], ['2020-01-02 10:30:00.000']]],
    // char(2) with char(5): char(5), the shorter value padded to 5
    ['char beside longer char', "SELECT Code + '|' FROM (SELECT CAST('a' AS char(2)) AS Code UNION ALL SELECT CAST('bbbbb' AS char(5))) AS c ORDER BY 1", [['a    |'], ['bbbbb|']]],
    // varchar(5) with varchar(20): a table made from it has varchar(20), so a 16-character code fits
    ['varchar beside longer varchar, SELECT … INTO', "SELECT Code INTO #Codes FROM (SELECT BandCode AS Code FROM dbo.FeeBand UNION ALL SELECT BandName FROM dbo.FeeBand) AS c; INSERT INTO #Codes (Code) VALUES ('0123456789abcdef'); SELECT Code FROM #Codes ORDER BY Code", [['0123456789abcdef'], ['ab'], ['abcdefghijKLMNOPQRST']]],
    // text with int: int (precedence), '41' converted: 41 + 1 = 42
    ['text beside int', "SELECT Visits + 1 FROM (SELECT Visits FROM dbo.FeeBand UNION ALL SELECT '41') AS v ORDER BY 1", [['8'], ['42']]],
    // a TOP side converted too: int with decimal(10,2) is decimal(12,2)
    ['a side with TOP', 'SELECT TOP (1) Visits FROM dbo.FeeBand UNION ALL SELECT TOP (1) FlatFee FROM dbo.FeeBand ORDER BY 1', [['3.00'], ['7.00']]],
  ])('%s', async (_name, body, expected) => {
    expect(await run(body)).toEqual(expected);
  });

  it.each([
    // decimal(38,0) with decimal(10,2) is decimal(40,2): how SQL Server cuts it to 38 is not documented
    ['past precision 38', 'SELECT Big FROM (SELECT CAST(1 AS decimal(38,0)) AS Big UNION ALL SELECT FlatFee FROM dbo.FeeBand) AS b', /UNION ALL of column 1 as decimal\(38,0\) on one side and decimal\(10,2\) on the other \(decimal\(40,2\) is past precision 38/],
    // an integer constant beside decimal(10,2): decimal(12,2) (int) or decimal(10,2) (its digits); the quotient's scale differs
    ['an integer constant, divided by', `${DECLARE} SELECT @Budget / Fee FROM (SELECT FlatFee AS Fee FROM dbo.FeeBand UNION ALL SELECT 3) AS f`, /decimal division where the precision of an operand is unknown/],
    ['an integer constant, SELECT … INTO', 'SELECT Fee INTO #Fees FROM (SELECT FlatFee AS Fee FROM dbo.FeeBand UNION ALL SELECT 0) AS f', /SELECT … INTO the column Fee, a decimal of unknown precision: CAST it/],
    ['datetime2 of two precisions', 'SELECT At FROM (SELECT CAST(ClosedAt AS datetime2(0)) AS At FROM dbo.FeeBand UNION ALL SELECT CAST(ClosedAt AS datetime2(3)) FROM dbo.FeeBand) AS a', /fractional precision SQL Server gives two of them is not documented/],
    ['text beside a decimal', "SELECT Fee FROM (SELECT FlatFee AS Fee FROM dbo.FeeBand UNION ALL SELECT '2.5') AS f", /the type SQL Server converts the text to there is not certain/],
  ])('refuses %s, located', async (_name, body, message) => {
    const err = await run(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).location?.file).toBe('usp_FeeReport.sql');
  });

  it('keeps an integer constant beside a decimal as it is where nothing depends on its precision', async () => {
    // decimal(10,2) with 0: decimal(12,2) or decimal(10,2), the values the same: 3.00 and 0.00
    expect(await run('SELECT Fee FROM (SELECT FlatFee AS Fee FROM dbo.FeeBand UNION ALL SELECT 0) AS f ORDER BY Fee')).toEqual([['0.00'], ['3.00']]);
  });
});
