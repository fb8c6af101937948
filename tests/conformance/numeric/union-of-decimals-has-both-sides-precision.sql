-- rule: a UNION ALL column of decimal(5,4) and decimal(10,2) is decimal(max(s1, s2) + max(p1 - s1, p2 - s2), max(s1, s2)) = decimal(12,4), so a decimal(10,2) divided by it has scale max(6, 2 + 12 + 1) = 15 (precision 10 - 2 + 4 + 15 = 27)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql
-- expect: [[{"share": "333.333333333333333"}, {"share": "333.333333333333333"}]]
-- test
DECLARE @Budget decimal(10,2) = 1000;
SELECT @Budget / Rate AS share
FROM (SELECT CAST(3 AS decimal(5,4)) AS Rate
      UNION ALL
      SELECT CAST(3 AS decimal(10,2))) AS r;
