-- rule: INSERT … EXEC converts the procedure's result set to the target columns as an INSERT … SELECT does: decimal and float into int truncate toward zero, money rounds
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/data-type-conversion-database-engine
-- expect: [[{"D": 1, "M": 3, "F": 7, "G": -7}]]
CREATE PROCEDURE dbo.usp_kid AS SELECT CAST(1.7 AS decimal(5,1)) AS D, CAST(2.5 AS money) AS M, CAST(7.9 AS float) AS F, CAST(-7.9 AS float) AS G
GO
-- test
CREATE TABLE #c (D int, M int, F int, G int);
INSERT INTO #c EXEC dbo.usp_kid;
SELECT D, M, F, G FROM #c;
