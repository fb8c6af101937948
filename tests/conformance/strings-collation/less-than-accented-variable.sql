-- rule: comparing text with < or > follows the collation's order: 'Émile' < 'Fred' although É comes after F by code point
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/comparison-operators-transact-sql
-- expect: [[{"lt": 1}]]
-- test
DECLARE @a nvarchar(10) = N'Émile', @b nvarchar(10) = N'Fred';
IF @a < @b SELECT 1 AS lt ELSE SELECT 0 AS lt;
