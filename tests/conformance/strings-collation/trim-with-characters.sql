-- rule: TRIM([LEADING|TRAILING|BOTH] chars FROM s) removes any of chars from the start, the end or both (SQL Server 2022); LTRIM/RTRIM(s, chars) likewise; without chars only blanks, not tabs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/trim-transact-sql
-- expect: [[{"both": "#     test", "lead": "123.4500", "trail": "00123.45", "l2": "123.4500", "r2": "00123.45", "tab": "\tx\t", "none": null}]]
-- test
DECLARE @n varchar(20) = '00123.4500', @none varchar(5) = NULL;
SELECT TRIM('.,! ' FROM '     #     test    .') AS both,
       TRIM(LEADING '0' FROM @n) AS lead,
       TRIM(TRAILING '0' FROM @n) AS trail,
       LTRIM(@n, '0') AS l2,
       RTRIM(@n, '0') AS r2,
       TRIM(CHAR(9) + 'x' + CHAR(9)) AS tab,
       TRIM('0' FROM @none) AS none;
