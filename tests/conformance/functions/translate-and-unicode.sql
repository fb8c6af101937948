-- rule: TRANSLATE replaces each character of its second argument with the character at the same place of its third (the documented example turns brackets and braces into parentheses), and raises 9828 when the two differ in length; UNICODE returns the code of the first character
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/translate-transact-sql
-- expect: [[{"doc": "2*(3+4)/(7-2)", "phone": "555 123 4567", "a": 65, "e_acute": 233, "caught": 9828}]]
-- test
DECLARE @phone varchar(20) = '(555)123-4567';
DECLARE @caught int = 0;
BEGIN TRY
  SELECT @caught = LEN(TRANSLATE(@phone, '()', ' '));
END TRY
BEGIN CATCH
  SET @caught = ERROR_NUMBER();
END CATCH
SELECT TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()') AS doc,
  LTRIM(TRANSLATE(@phone, '()-', '   ')) AS phone,
  UNICODE('Abc') AS a,
  UNICODE(N'é') AS e_acute,
  @caught AS caught;
