-- rule: COLLATE with a case-sensitive collation makes 'BOB' and 'bob' differ in a comparison (its collation takes precedence), which the emulator's case-insensitive text compare cannot reproduce: refused, never compared case-insensitively
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/collations
-- expect-refused: COLLATE Latin1_General_CS_AS
-- test
DECLARE @t TABLE (Email nvarchar(50));
INSERT INTO @t VALUES (N'BOB@y.org'), (N'bob@y.org');
SELECT COUNT(*) AS changed FROM @t WHERE Email <> LOWER(Email) COLLATE Latin1_General_CS_AS;
