-- rule: ISNUMERIC also returns 1 for text that converts only to money, such as a currency symbol alone or digits with thousands separators; the emulator refuses such text instead of guessing money's rules
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect-refused: ISNUMERIC of text like $1,000
-- test
SELECT ISNUMERIC('$1,000') AS x;
