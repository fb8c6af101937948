-- rule: HASHBYTES of varchar hashes its bytes in the collation's code page, which differs between collations outside ASCII
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/hashbytes-transact-sql
-- expect-refused: HASHBYTES of varchar text holding a character outside ASCII
-- test
DECLARE @v varchar(20) = 'Malmö';
SELECT HASHBYTES('SHA2_256', @v) AS h;
