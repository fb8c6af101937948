-- rule: smallmoney with smallmoney (or an integer) gives smallmoney by data type precedence, whose range is -214,748.3648 to 214,748.3647: a sum past it fails with 8115 (arithmetic overflow converting expression to data type smallmoney), though money would hold it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql
-- expect-error: 8115
-- test
DECLARE @Deposit smallmoney = 200000, @Bonus smallmoney = 20000;
SELECT @Deposit + @Bonus AS Total;
