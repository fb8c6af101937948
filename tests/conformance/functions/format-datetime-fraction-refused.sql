-- rule: datetime keeps time in units of 1/300 s that SQL Server shows rounded to .000, .003 or .007, while FORMAT hands .NET the exact tick count, so a second's fraction written by FORMAT can differ from the value's text (.007 is 6.67 ms); the emulator refuses fraction specifiers on datetime values rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect-refused: FORMAT with 'HH:mm:ss.fff'
-- test
DECLARE @dt datetime = '2016-09-05 00:01:02.007';
SELECT FORMAT(@dt, 'HH:mm:ss.fff') AS t;
