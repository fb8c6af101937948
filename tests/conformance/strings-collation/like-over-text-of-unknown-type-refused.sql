-- rule: whether LIKE ignores the value's trailing blanks depends on its type (char/varchar: ignored, nchar/nvarchar: they count); the result of LEFT over nvarchar is nvarchar, so LEFT(@n, 10) LIKE 'nspace' is false when @n ends in a blank; where the emulator does not know the type it refuses such a value instead of guessing
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE over text ending in blanks whose type it cannot tell
-- test
DECLARE @n nvarchar(10) = N'nspace ';
SELECT CASE WHEN LEFT(@n, 10) LIKE 'nspace' THEN 1 ELSE 0 END AS x;
