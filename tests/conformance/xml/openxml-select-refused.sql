-- rule: OPENXML is not emulated: refused where written
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openxml-transact-sql
-- expect-refused: OPENXML
-- test
DECLARE @h int = 1;
SELECT Id FROM OPENXML(@h, '/Orders/Order', 1) WITH (Id int);
