import { resultRows, runBody } from './emulator-helpers';

// POWER of decimal(p,s) is decimal(p,s) on the SQL Server 2012 POWER page and decimal(38,s) on the
// current one (power-function.ts). Every function or query that hands a value on in its own type
// (CEILING, NULLIF, MAX, LAG, CASE, a derived table's column, …) hands on that doubt too; where a
// later quotient or product takes a different scale under the two readings it is refused, where
// it takes the same scale it is computed. Scales from "Precision, scale, and length": e1 / e2 has
// scale max(6, s1 + p2 + 1), cut (not below 6) to keep 38 - (p1 - s1 + s2) ... integral digits
// when the precision passes 38; e1 * e2 has scale s1 + s2, cut past 38 to max(min(s, 6), s - (p - 38)).
//
// @Amount decimal(10,2) = 1000.00, @Growth decimal(5,4) = 1.0050, @Rate decimal(18,10):
// POWER(@Growth, 12) = 1.0616778… rounded to 1.0617, decimal(5,4) or decimal(38,4).
const DECLARE = 'DECLARE @Amount decimal(10,2) = 1000.00, @Growth decimal(5,4) = 1.0050, @Rate decimal(18,10) = 0.0123456789, @Months int = 12;';
const RATES = {
  tables: 'CREATE TABLE dbo.Rate (RateId int NOT NULL PRIMARY KEY, Growth decimal(5,4) NOT NULL, Term int NOT NULL);',
  csv: { 'dbo.Rate': 'RateId,Growth,Term\n1,1.0050,12\n2,1.0100,6\n' },
};
const DOUBT = /POWER of a decimal value/;

describe('the doubt about a decimal POWER\'s precision, handed on', () => {
  it.each([
    // CEILING/FLOOR: decimal(5,0) or decimal(38,0). 1000.00 / decimal(5,0): scale max(6, 2 + 5 + 1) = 8;
    // / decimal(38,0): scale 41, precision 8 + 0 + 41 = 49 > 38, cut to max(6, 41 - 11) = 30.
    ['CEILING', '@Amount / CEILING(POWER(@Growth, @Months))'],
    ['FLOOR', '@Amount / FLOOR(POWER(@Growth, @Months))'],
    // SIGN keeps the type: / decimal(5,4) has scale 8 (precision 20), / decimal(38,4) scale
    // 41 cut by 53 - 38 to 26.
    ['SIGN', '@Amount / SIGN(POWER(@Growth, @Months))'],
    // NULLIF (the usual divide-by-zero guard) keeps its first argument's type: as SIGN.
    ['NULLIF', '@Amount / NULLIF(POWER(@Growth, @Months), 0)'],
    // unary minus keeps the type: as SIGN
    ['unary minus', '@Amount / -POWER(@Growth, @Months)'],
    // a scalar subquery's value keeps its column's type: as SIGN
    ['a scalar subquery', '@Amount / (SELECT POWER(@Growth, @Months))'],
    // CASE over decimal(5,4) and decimal(5,4) is decimal(5,4); over decimal(38,4) and decimal(5,4)
    // decimal(38,4). * decimal(18,10): decimal(24,14), or precision 57 and scale
    // max(min(14, 6), 14 - 19) = 6. The product 1.0617 * 0.0123456789 = 0.01310740728813 at 14
    // places, 0.013107 at 6: which one SQL Server prints depends on the reading.
    ['CASE', 'CASE WHEN @Months > 0 THEN POWER(@Growth, @Months) ELSE @Growth END * @Rate'],
    ['IIF', 'IIF(@Months > 0, POWER(@Growth, @Months), @Growth) * @Rate'],
    ['COALESCE', 'COALESCE(POWER(@Growth, @Months), @Growth) * @Rate'],
    // MIN/MAX keep the type (decimal(5,4) or decimal(38,4)): / gives scale 8 or 26, as SIGN
    ['MAX', '@Amount / (SELECT MAX(POWER(Growth, Term)) FROM dbo.Rate)'],
    ['MIN OVER', '(SELECT TOP (1) @Amount / MIN(POWER(Growth, Term)) OVER () FROM dbo.Rate)'],
    // LAG/LEAD/FIRST_VALUE keep the value's type: as SIGN
    ['LAG', '(SELECT TOP (1) @Amount / LAG(POWER(Growth, Term), 1, @Growth) OVER (ORDER BY RateId) FROM dbo.Rate ORDER BY RateId)'],
    ['FIRST_VALUE', '(SELECT TOP (1) @Amount / FIRST_VALUE(POWER(Growth, Term)) OVER (ORDER BY RateId) FROM dbo.Rate ORDER BY RateId)'],
    // a derived table's and a CTE's columns have the type of what they select: as SIGN
    ['a derived table', '(SELECT @Amount / f FROM (SELECT POWER(@Growth, @Months) AS f) AS d)'],
    ['a CTE', '(SELECT @Amount / f FROM g)', 'WITH g AS (SELECT POWER(@Growth, @Months) AS f)'],
    // UNION ALL of decimal(5,4) and decimal(5,4) is decimal(5,4); of decimal(38,4) and decimal(5,4) decimal(38,4): as SIGN
    ['UNION ALL', '(SELECT TOP (1) @Amount / f FROM (SELECT POWER(@Growth, @Months) AS f UNION ALL SELECT @Growth) AS u)'],
    // PERCENTILE_DISC returns its value's type: as SIGN
    ['PERCENTILE_DISC', '(SELECT TOP (1) @Amount / PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY POWER(Growth, Term)) OVER () FROM dbo.Rate)'],
    // a VALUES column over decimal(5,4) and decimal(5,4), or decimal(38,4) and decimal(5,4): as UNION ALL
    ['a VALUES column', '(SELECT TOP (1) @Amount / v FROM (VALUES (POWER(@Growth, @Months)), (@Growth)) AS r(v))'],
    // CHOOSE's type is not tracked: with a doubted value among its choices no product is computed
    ['CHOOSE', 'CHOOSE(1, POWER(@Growth, @Months), @Growth) * @Rate'],
    // a PIVOT column is its aggregate's: MAX keeps decimal(5,4) or decimal(38,4), as SIGN
    ['PIVOT', '(SELECT @Amount / [1] FROM (SELECT RateId, POWER(Growth, Term) AS f FROM dbo.Rate) AS s PIVOT (MAX(f) FOR RateId IN ([1], [2])) AS p)'],
  ])('%s of a decimal POWER, then divided or multiplied at a scale the reading decides, is refused', async (_what, expr, prefix = '') => {
    const body = prefix === '' ? `${DECLARE}\nSELECT ${expr} AS v;` : `${DECLARE}\n${prefix}\nSELECT ${expr} AS v;`;
    await expect(runBody(body, RATES)).rejects.toThrow(DOUBT);
  });

  it.each([
    // UNPIVOT needs one type across its columns: decimal(5,4) and decimal(5,4), or decimal(38,4) and decimal(5,4) (Msg 8167)
    ['UNPIVOT of a POWER column', 'SELECT k, v FROM (SELECT RateId, POWER(Growth, Term) AS a, Growth AS b FROM dbo.Rate) AS s UNPIVOT (v FOR k IN (a, b)) AS u;', /UNPIVOT of a.*POWER of a decimal value/],
    // a recursive member's POWER(f, 2) is decimal(5,4) like its anchor, or decimal(38,4) (Msg 240)
    ['a recursive CTE whose member is a POWER', 'WITH growth (n, f) AS (SELECT 0, CAST(1.0050 AS decimal(5,4)) UNION ALL SELECT n + 1, POWER(f, 2) FROM growth WHERE n < 2)\nSELECT MAX(f) AS v FROM growth;', /recursive CTE growth.*POWER of a decimal value/],
    // LAG's default converts to the value's type: 10 is past decimal(5,4) (8115), within decimal(38,4)
    ['LAG\'s default past the narrower type', 'SELECT RateId, LAG(POWER(Growth, Term), 1, 10) OVER (ORDER BY RateId) AS v FROM dbo.Rate ORDER BY RateId;', /LAG's default.*POWER of a decimal value/],
  ])('%s is refused', async (_what, body, message) => {
    await expect(runBody(`${DECLARE}\n${body}`, RATES)).rejects.toThrow(message);
  });

  // POWER(@Growth, @Months) beside @Rate decimal(18,10): decimal(5,4) with decimal(18,10) is
  // decimal(18,10); decimal(38,4) with decimal(18,10) needs 34 integral digits and 10 decimals,
  // decimal(44,10), past 38, where how SQL Server cuts the scale (and so @Rate's digits) is not
  // documented. Refused even where nothing is computed with the result.
  it.each([
    ['CASE', 'SELECT CASE WHEN @Months > 0 THEN POWER(@Growth, @Months) ELSE @Rate END AS v;'],
    ['IIF', 'SELECT IIF(@Months > 12, POWER(@Growth, @Months), @Rate) AS v;'],
    ['COALESCE', 'SELECT COALESCE(POWER(@Growth, @Months), @Rate) AS v;'],
    ['CHOOSE', 'SELECT CHOOSE(2, POWER(@Growth, @Months), @Rate) AS v;'],
    ['UNION ALL', 'SELECT POWER(@Growth, @Months) AS v UNION ALL SELECT @Rate;'],
    ['a VALUES column', 'SELECT v FROM (VALUES (POWER(@Growth, @Months)), (@Rate)) AS r(v);'],
    ['a variable assigned', 'DECLARE @v decimal(20,10) = CASE WHEN @Months > 12 THEN POWER(@Growth, @Months) ELSE @Rate END;\nSELECT @v AS v;'],
  ])('%s over a decimal POWER whose union passes precision 38 under the other reading only is refused', async (_what, body) => {
    await expect(runBody(`${DECLARE}\n${body}`)).rejects.toThrow(/passes precision 38 under one reading of POWER of a decimal value/);
  });

  it('CASE over a decimal POWER whose union fits under both readings is computed', async () => {
    // decimal(5,4) or decimal(38,4) beside decimal(10,2): decimal(12,4) or decimal(38,4); the value is 1000.0000 either way
    const r = await runBody(`${DECLARE}\nSELECT CONVERT(varchar(40), CASE WHEN @Months > 12 THEN POWER(@Growth, @Months) ELSE @Amount END) AS v;`);
    expect(resultRows(r)).toEqual([{ v: '1000.0000' }]);
  });

  it('GREATEST of a decimal POWER and an integer constant keeps the doubt (a product of the same scale under both readings is computed)', async () => {
    // GREATEST(1.0617, 1) is decimal(5,4) or decimal(38,4); * decimal(10,2) is decimal(16,6), or
    // precision 49 cut to max(min(6, 6), 6 - 11) = 6: 1061.700000 either way. / is refused.
    const r = await runBody(`${DECLARE}\nSELECT CONVERT(varchar(40), @Amount * GREATEST(POWER(@Growth, @Months), 1)) AS v;`);
    expect(resultRows(r)).toEqual([{ v: '1061.700000' }]);
    await expect(runBody(`${DECLARE}\nSELECT @Amount / GREATEST(POWER(@Growth, @Months), 1) AS v;`)).rejects.toThrow(DOUBT);
  });

  it('GREATEST of a decimal POWER and a decimal of its type is refused (over decimal(38,4) and decimal(5,4) its precision is undocumented)', async () => {
    await expect(runBody(`${DECLARE}\nSELECT @Amount / GREATEST(POWER(@Growth, @Months), @Growth) AS v;`)).rejects.toThrow(/GREATEST.*POWER of a decimal value/);
  });

  it('SELECT … INTO a column of a decimal POWER is refused (the new column is decimal(5,4) or decimal(38,4))', async () => {
    await expect(runBody(`${DECLARE}\nSELECT POWER(@Growth, @Months) AS Factor INTO #Factor;\nSELECT Factor FROM #Factor;`)).rejects.toThrow(/INTO.*Factor.*POWER of a decimal value/);
  });

  it('DATALENGTH of a decimal POWER is refused (5 bytes for decimal(5,4), 17 for decimal(38,4))', async () => {
    await expect(runBody(`${DECLARE}\nSELECT DATALENGTH(POWER(@Growth, @Months)) AS v;`)).rejects.toThrow(/DATALENGTH.*POWER of a decimal value/);
  });

  it('ROUND of a decimal POWER past the argument\'s precision is refused, not SQL Server\'s 8115 of one reading', async () => {
    // POWER(999.99, 1) is 999.99; ROUND(…, 0) is 1000.00: past decimal(5,2) (8115), within decimal(38,2).
    const body = `DECLARE @Price decimal(5,2) = 999.99, @caught int = 0;
BEGIN TRY SELECT ROUND(POWER(@Price, 1), 0) AS v; END TRY BEGIN CATCH SET @caught = ERROR_NUMBER(); END CATCH
SELECT @caught AS caught;`;
    await expect(runBody(body)).rejects.toThrow(/ROUND.*POWER of a decimal value/);
  });

  it('ISNULL of a decimal POWER with a replacement past the argument\'s precision is refused, not 8115', async () => {
    // the replacement 100000 converts to the first argument's type: past decimal(5,2), within decimal(38,2)
    const body = `DECLARE @Price decimal(5,2) = NULL, @caught int = 0;
BEGIN TRY SELECT ISNULL(POWER(@Price, 2), 100000) AS v; END TRY BEGIN CATCH SET @caught = ERROR_NUMBER(); END CATCH
SELECT @caught AS caught;`;
    await expect(runBody(body)).rejects.toThrow(/ISNULL.*POWER of a decimal value/);
  });

  it('computes what both readings agree on: a value assigned, a product of the same scale, a sum over the rows', async () => {
    // CEILING(1.0617) = 2 into int; NULLIF(…) * 1000.00: decimal(16,6) or precision 49 cut to
    // max(min(6, 6), 6 - 11) = 6: 1061.700000 either way; SUM is decimal(38,4) under both:
    // 1.0617 + 1.0615 (1.01^6 = 1.0615201506) = 2.1232, and 1000.00 / it has scale 26 under both
    // (41 cut by 53 - 38): 470.98718914845516201959306706 truncated.
    const r = await runBody(`${DECLARE}
DECLARE @Whole int = CEILING(POWER(@Growth, @Months)), @Factor decimal(10,4);
SELECT @Factor = f FROM (SELECT MAX(POWER(Growth, Term)) AS f FROM dbo.Rate) AS d;
SELECT @Whole AS whole, @Factor AS factor, CONVERT(varchar(40), @Amount * NULLIF(POWER(@Growth, @Months), 0)) AS product,
  (SELECT CONVERT(varchar(40), @Amount / SUM(POWER(Growth, Term))) FROM dbo.Rate) AS share;`, RATES);
    expect(resultRows(r)).toEqual([{ whole: 2, factor: 1.0617, product: '1061.700000', share: '470.98718914845516201959306706' }]);
  });
});
