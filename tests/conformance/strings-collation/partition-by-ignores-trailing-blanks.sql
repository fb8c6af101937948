-- rule: PARTITION BY puts text that differs only in trailing blanks in one partition
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql
-- expect: [[{"Id": 1, "n": 2}, {"Id": 2, "n": 2}, {"Id": 3, "n": 1}]]
-- test
DECLARE @t TABLE (Id int, Name varchar(10));
INSERT INTO @t VALUES (1, 'a'), (2, 'A '), (3, 'b');
SELECT Id, COUNT(*) OVER (PARTITION BY Name) AS n FROM @t ORDER BY Id;
