-- rule: assigning a longer string to a varchar(n) variable keeps n characters; char(n) pads with blanks to n
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/char-and-varchar-transact-sql
-- expect: [[{"v": "ab", "c": "ab  |", "cut": "abc|"}]]
-- test
DECLARE @v varchar(2), @c char(4) = 'ab', @k char(3), @out varchar(10), @cut varchar(10);
SET @v = 'abcdef';
SET @out = @c + '|';
SET @k = 'abcdef';
SET @cut = @k + '|';
SELECT @v AS v, @out AS c, @cut AS cut;
