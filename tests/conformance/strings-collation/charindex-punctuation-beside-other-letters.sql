-- rule: CHARINDEX and REPLACE find a punctuation mark or a blank wherever it stands, whatever letters surround it (no collation equates a letter with punctuation): CHARINDEX(',', N'Σμιθ, Γιάννης') is 5 and REPLACE of the blank in N'Straße 12' gives N'Straße12'
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/charindex-transact-sql
-- expect: [[{"comma": 5, "no_blank": "Straße12"}]]
-- test
DECLARE @n nvarchar(40) = N'Σμιθ, Γιάννης', @s nvarchar(40) = N'Straße 12';
SELECT CHARINDEX(',', @n) AS comma, REPLACE(@s, N' ', N'') AS no_blank;
