-- rule: the LIKE page documents ESCAPE before a wildcard and [ ] classes, not an escape character written inside a class ('[!_]' with ESCAPE '!'): whether it escapes there or is a member is not documented, so the emulator refuses it where the LIKE is
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: LIKE with its ESCAPE character '!' inside a [ ] class
-- test
DECLARE @ref varchar(20) = 'A!B';
SELECT CASE WHEN @ref LIKE '%[!_]%' ESCAPE '!' THEN 1 ELSE 0 END AS odd;
