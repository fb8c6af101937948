-- rule: OBJECT_NAME of an object id looks the database's catalog up; the ids are the database's, so the emulator refuses anything but @@PROCID
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/object-name-transact-sql
-- expect-refused: OBJECT_NAME of anything but @@PROCID
-- test
DECLARE @id int = 245575913;
SELECT OBJECT_NAME(@id) AS n;
