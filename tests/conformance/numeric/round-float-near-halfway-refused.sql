-- rule: ROUND of a float rounds its binary value; 2.675 is stored as 2.67499999999999982…, just below halfway, while 2.675e0 * 100 is 267.5 in double arithmetic: how SQL Server rounds it is not documented, so the emulator refuses it rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect-refused: ROUND of a float this close to halfway
-- test
DECLARE @x float = 2.675;
SELECT ROUND(@x, 2) AS r;
