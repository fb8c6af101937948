-- rule: FORMAT under the culture en-GB writes custom date formats with '/' and ':' as its separators and the full English month and day names, and 'N[n]' with ',' every three digits and '.' before the decimals, as en-US does
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/format-transact-sql
-- expect: [[{"a": "29/02/2008", "b": "Friday 29 February 2008", "c": "14:05", "d": "1,234.3", "e": null}]]
-- test
DECLARE @d date = '2008-02-29';
DECLARE @t datetime = '2024-09-02 14:05:00';
DECLARE @credits decimal(9,2) = 1234.25;
DECLARE @none date = NULL;
SELECT FORMAT(@d, 'dd/MM/yyyy', 'en-GB') AS a,
  FORMAT(@d, 'dddd d MMMM yyyy', 'en-GB') AS b,
  FORMAT(@t, 'HH:mm', 'en-GB') AS c,
  FORMAT(@credits, 'N1', 'en-GB') AS d,
  FORMAT(@none, 'dd/MM/yyyy', 'en-GB') AS e;
