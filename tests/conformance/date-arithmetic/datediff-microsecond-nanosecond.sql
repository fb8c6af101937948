-- rule: DATEDIFF counts microsecond and nanosecond boundaries of datetime2(7) values too (mcs, ns); DATEDIFF_BIG the same as bigint
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
-- expect: [[{"mcs": 1, "ns": 100, "a": 1, "b": 0, "c": 999999, "n": -1500, "big": 2000001}]]
-- test
DECLARE @s datetime2(7) = '2026-01-30 23:59:59.9999995', @e datetime2(7) = '2026-01-31 00:00:00.0000005';
SELECT DATEDIFF(microsecond, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000') AS mcs,
  DATEDIFF(nanosecond, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000') AS ns,
  DATEDIFF(mcs, @s, @e) AS a,
  DATEDIFF(mcs, '2026-01-31 00:00:00.0000001', @e) AS b,
  DATEDIFF(microsecond, CAST('2026-01-30 23:59:59.000000' AS datetime2(6)), CAST('2026-01-30 23:59:59.999999' AS datetime2(6))) AS c,
  DATEDIFF(ns, @e, '2026-01-30 23:59:59.999999') AS n,
  DATEDIFF_BIG(microsecond, '2026-01-31 00:00:00', '2026-01-31 00:00:02.000001') AS big;
