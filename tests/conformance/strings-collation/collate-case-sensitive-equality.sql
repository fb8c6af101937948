-- rule: COLLATE with a case-sensitive collation makes 'BOB' and 'bob' differ in = and <> (an explicit collation takes precedence over the column's), while trailing blanks are still ignored
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collation-precedence-transact-sql
-- expect: [[{"changed": 1, "same": 2, "padded": 1}]]
-- test
DECLARE @t TABLE (Email nvarchar(50));
INSERT INTO @t VALUES (N'BOB@y.org'), (N'bob@y.org');
SELECT (SELECT COUNT(*) FROM @t WHERE Email <> LOWER(Email) COLLATE Latin1_General_CS_AS) AS changed,
       (SELECT COUNT(*) FROM @t WHERE Email = LOWER(Email)) AS same,
       (SELECT COUNT(*) FROM @t WHERE Email COLLATE Latin1_General_CS_AS = N'bob@y.org   ') AS padded;
