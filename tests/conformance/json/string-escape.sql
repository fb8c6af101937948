-- rule: STRING_ESCAPE(text, 'json') escapes the quotation mark, reverse solidus and solidus, writes backspace, form feed, new line, carriage return and tab as \b \f \n \r \t and other control characters as \u00XX (lower-case hex); other characters and NULL pass as they are
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-escape-transact-sql
-- expect: [[{"slashes": "\\\\   \\/  \\\\\\\\    \\\"", "ctl": "a\\tb\\r\\nc\\u0001d\\u001f", "plain": "Zoë's café", "n": null}]]
-- test
DECLARE @name nvarchar(40) = NULL;
SELECT STRING_ESCAPE('\   /  \\    "', 'json') AS slashes,
  STRING_ESCAPE('a' + CHAR(9) + 'b' + CHAR(13) + CHAR(10) + 'c' + CHAR(1) + 'd' + CHAR(31), 'json') AS ctl,
  STRING_ESCAPE(N'Zoë''s café', 'json') AS plain,
  STRING_ESCAPE(@name, 'json') AS n;
