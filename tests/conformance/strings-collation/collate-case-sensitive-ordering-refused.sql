-- rule: an ordering comparison under a case-sensitive collation orders upper and lower case by that collation's rules, which the emulator does not reproduce: refused, never compared case-insensitively
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collation-precedence-transact-sql
-- expect-refused: COLLATE Latin1_General_CS_AS
-- test
DECLARE @t TABLE (Email nvarchar(50));
INSERT INTO @t VALUES (N'BOB@y.org'), (N'bob@y.org');
SELECT COUNT(*) AS n FROM @t WHERE Email < N'bob' COLLATE Latin1_General_CS_AS;
