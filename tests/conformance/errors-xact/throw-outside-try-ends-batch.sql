-- rule: THROW outside TRY ends the batch: the RAISERROR after it never runs
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/throw-transact-sql
-- expect-error: 51000
-- test
THROW 51000, 'The record does not exist.', 1;
RAISERROR('not reached', 16, 1);
