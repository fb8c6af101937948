-- rule: a UNION column of varchar on one side and nvarchar on the other is nvarchar (data type precedence), so DATALENGTH counts 2 bytes a character and HASHBYTES hashes UTF-16LE
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql
-- expect: [[{"v": "a", "dl": 2, "h": "0xFFE9AAEAA2A2D5048174DF0B80599EF0197EC024C4B051BC9860CFF58EF7F9F3"}, {"v": "b", "dl": 2, "h": "0x1E57B933B0A78203E21D41CC4B16D731B255B04058D48A4AC2731F0089312129"}]]
-- test
-- h: the published SHA-256 of 61 00 and 62 00 (N'a', N'b' in UTF-16LE).
WITH u AS (SELECT CAST('a' AS varchar(5)) AS v UNION ALL SELECT N'b')
SELECT v, DATALENGTH(v) AS dl, HASHBYTES('SHA2_256', v) AS h FROM u ORDER BY v;
