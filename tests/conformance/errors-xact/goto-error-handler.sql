-- rule: GOTO continues at the label, skipping the statements in between; labels may be jumped to backward too
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/goto-transact-sql
-- expect: [[{"i": 3, "skipped": 0}]]
-- test
DECLARE @i int = 0, @skipped int = 0;
Again:
SET @i = @i + 1;
IF @i < 3 GOTO Again;
GOTO Done;
SET @skipped = 1;
Done:
SELECT @i AS i, @skipped AS skipped;
