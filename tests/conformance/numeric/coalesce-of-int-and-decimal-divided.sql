-- rule: COALESCE of an int and a decimal(3,1) is decimal(11,1) (highest precedence, union of precision and scale), so dividing it by 100.0 has scale max(6, 1 + 4 + 1) = 6; ISNULL keeps its first argument's type (int: 12.5 becomes 12) and divides as an int; a CASE over decimal(8,6) and decimal(1,1) is decimal(8,6), divided by 1 scale 8
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/coalesce-transact-sql
-- expect: [[{"c": "0.125000", "i": "0.120000", "k": "0.00277700"}]]
-- test
DECLARE @bps int = NULL, @day int = 3;
SELECT COALESCE(@bps, 12.5) / 100.0 AS c, ISNULL(@bps, 12.5) / 100.0 AS i,
       CASE WHEN @day = 31 THEN 0.5 ELSE 1 / 360.0 END / 1 AS k;
