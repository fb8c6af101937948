-- rule: REVERSE reverses the characters of its argument one by one (UTF-16 code units under the default collations), so a combining mark that followed its letter comes before it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/reverse-transact-sql
-- expect: [[{"a": "\u0308eoZ", "b": "lien'o", "c": null}]]
-- test
DECLARE @name nvarchar(10) = N'Zoe' + NCHAR(776);
SELECT REVERSE(@name) AS a, REVERSE('o''neil') AS b, REVERSE(CAST(NULL AS varchar(5))) AS c;
