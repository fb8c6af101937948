-- rule: POWER of a bigint is a bigint; powers of two (the bit-mask idiom) are exact past 2^53 and to 2^62
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/power-transact-sql
-- expect: [[{"bit40": 1099511627776, "bit62": 4611686018427387904, "neg": -549755813888, "small": 1162261467}]]
-- test
DECLARE @Two bigint = 2, @Bit int = 40;
SELECT POWER(@Two, @Bit) AS bit40, POWER(@Two, 62) AS bit62, POWER(CAST(-2 AS bigint), 39) AS neg,
       POWER(CAST(3 AS bigint), 19) AS small;
