-- rule: CONVERT(xml, text, 1) keeps insignificant white space, which the emulator does not model: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: CONVERT to xml with style 1
-- test
DECLARE @y xml = CONVERT(xml, N'<a> </a>', 1);
SELECT @y.value('(/a/text())[1]', 'varchar(5)') AS preserved;
