-- rule: text comparisons are case-insensitive and ignore trailing blanks; letters, digits and blanks order the same under every SQL Server collation (blank < digits < letters)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/comparison-operators-transact-sql
-- expect: [[{"Largest": "Zeta", "Smallest": "10 apples", "n": 2}]]
-- input: dbo.Words
--| W
--| alpha
--| Zeta
--| 10 apples
--| beta
CREATE TABLE dbo.Words (W varchar(20) NOT NULL);
GO
-- test
SELECT MAX(W) AS Largest, MIN(W) AS Smallest, SUM(CASE WHEN W < 'Beta ' THEN 1 ELSE 0 END) AS n FROM dbo.Words;
