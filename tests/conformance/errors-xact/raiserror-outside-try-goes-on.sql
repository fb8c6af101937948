-- rule: RAISERROR of severity 16 outside TRY sends error 50000 to the client and the batch goes on; the next statement sees @@ERROR = 50000
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/raiserror-transact-sql
-- expect: [[{"e": 50000, "after": 1}]]
-- test
DECLARE @e int;
RAISERROR('Customer %d has no account', 16, 1, 42);
SET @e = @@ERROR;
SELECT @e AS e, 1 AS after;
