-- rule: float to text (CAST, CONVERT style 0) keeps at most 6 significant digits; how a value halfway between two 6-digit texts is rounded is not documented, so the emulator refuses it where it is met
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect-refused: converting the float 1234565 to text
-- test
DECLARE @Fx float = 1234.565, @Lines int = 1000;
SELECT 'FX;' + CAST(@Fx * @Lines AS varchar(30)) AS [Line Text];
