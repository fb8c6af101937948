-- rule: STRING_ESCAPE takes 'json' as its type and SQL Server rejects any other; the emulator refuses another type rather than guess the error
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/string-escape-transact-sql
-- expect-refused: STRING_ESCAPE with the type 'xml'
-- test
SELECT STRING_ESCAPE(N'<a>', 'xml') AS x;
