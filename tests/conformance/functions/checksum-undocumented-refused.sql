-- rule: CHECKSUM computes a hash value over its arguments; the page does not give the algorithm, so a stored or compared checksum cannot be reproduced
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/checksum-transact-sql
-- expect-refused: CHECKSUM() (SQL Server does not document its algorithm
-- test
DECLARE @code varchar(10) = 'P-100', @price decimal(10,2) = 19.99;
SELECT CHECKSUM(@code, @price) AS c;
