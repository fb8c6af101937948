-- rule: a catalog view exists in every database and lists that database's objects, which the emulator does not have: refused by name, never Msg 208 nor an empty result
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-catalog-views/sys-tables-transact-sql
-- expect-refused: catalog view sys.tables is not emulated
-- test
DECLARE @n int;
SELECT @n = COUNT(*) FROM sys.tables AS t WHERE t.name LIKE N'Fact%';
