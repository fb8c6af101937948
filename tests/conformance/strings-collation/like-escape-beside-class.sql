-- rule: ESCAPE makes the character after the escape character literal while [ ] classes elsewhere in the pattern stay classes: '%!_[0-9]%' ESCAPE '!' finds an underscore followed by a digit, case-insensitively, and varchar values still match ignoring trailing blanks
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"Id": 1, "ref_digit": 1, "fee_pct": 0}, {"Id": 2, "ref_digit": 0, "fee_pct": 1}, {"Id": 3, "ref_digit": 0, "fee_pct": 0}, {"Id": 4, "ref_digit": 1, "fee_pct": 1}]]
-- test
DECLARE @lines TABLE (Id int, [Payee Ref] varchar(30));
INSERT INTO @lines VALUES (1, 'chg_7  '), (2, 'FEE 10%'), (3, 'CHGX7'), (4, 'x_1 fee 25%');
SELECT Id,
  CASE WHEN [Payee Ref] LIKE '%!_[0-9]%' ESCAPE '!' THEN 1 ELSE 0 END AS ref_digit,
  CASE WHEN [Payee Ref] LIKE '%[Ff]ee [0-9]%!%' ESCAPE '!' THEN 1 ELSE 0 END AS fee_pct
FROM @lines ORDER BY Id;
