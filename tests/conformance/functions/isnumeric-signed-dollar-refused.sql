-- rule: a sign beside a currency symbol is money's corner whose ISNUMERIC answer the documentation does not give; the emulator refuses it rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
-- expect-refused: ISNUMERIC of text like -$5
-- test
SELECT ISNUMERIC('-$5') AS x;
