-- rule: THROW raises the given error number, state and message
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/throw-transact-sql
-- expect-error: 51000
-- test
THROW 51000, 'The record does not exist.', 1;
