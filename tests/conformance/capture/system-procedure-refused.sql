-- rule: sp_refreshview updates a view's metadata in the database; the emulator does not run system procedures it does not emulate and names the one it met
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-refreshview-transact-sql
-- expect-refused: the system procedure sys.sp_refreshview
-- test
EXEC sys.sp_refreshview @viewname = N'dbo.vw_PriceList';
