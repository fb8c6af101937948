-- rule: a money quotient (money / money, money / int) keeps four decimals by truncating, not rounding: 1.00 / 18.4172 is 0.0542 (exact 0.054297…), 100 / 339 * 10000 over money variables is 2949.0000 (100 / 339 is 0.2949, times 10000), 1 / 3 * 3 is 0.9999, and (207998693.55 - 20799442.35) / 2 + 20799442.35, divided by the int 24, is 4766627.8312 (exact 4766627.83125)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql ; https://wkalmar.github.io/post/money-precision-issues/ ; http://www.chrisloves.net/blog/Avoid+the+Money+datatype+in+SQL+for+calculations ; https://adamhutson.com/2009/11/20/money-vs-decimal-data-types-in-sql-server/ ; https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1
-- expect: [[{"Share": "0.0542", "Scaled": "2949.0000", "Back": "0.9999", "Hourly": "4766627.8312"}]]
-- test
DECLARE @One money = 1.00, @Rate money = 18.4172;
DECLARE @Part money = 100, @Whole money = 339, @Units money = 10000;
DECLARE @Third money = 1, @Three money = 3;
DECLARE @MaxAmt money = 207998693.55, @MinAmt money = 20799442.35;
SELECT CONVERT(varchar(30), @One / @Rate, 2) AS Share,
       CONVERT(varchar(30), @Part / @Whole * @Units, 2) AS Scaled,
       CONVERT(varchar(30), @Third / @Three * @Three, 2) AS Back,
       CONVERT(varchar(30), ((@MaxAmt - @MinAmt) / 2 + @MinAmt) / 24, 2) AS Hourly;
