-- rule: a name that is no table is Invalid object name (Msg 208), never a silently empty result
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-208-database-engine-error
-- expect-refused: Invalid object name 'dbo.Nowhere'
-- test
DECLARE @n int;
SELECT @n = COUNT(*) FROM dbo.Nowhere;
