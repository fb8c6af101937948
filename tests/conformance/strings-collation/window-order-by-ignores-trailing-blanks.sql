-- rule: text that compares equal under the collation (case, trailing blanks ignored) ties in a window's ORDER BY and a TOP WITH TIES: 'East', 'east ' and 'EAST' are peers for DENSE_RANK, RANK, CUME_DIST and the default RANGE frame
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/dense-rank-transact-sql
-- expect: [[{"Id": 1, "dr": 1, "rk": 1, "cd": 0.75, "s": 8}, {"Id": 2, "dr": 1, "rk": 1, "cd": 0.75, "s": 8}, {"Id": 3, "dr": 2, "rk": 4, "cd": 1, "s": 11}, {"Id": 5, "dr": 1, "rk": 1, "cd": 0.75, "s": 8}], [{"Id": 1}, {"Id": 2}, {"Id": 5}]]
-- test
DECLARE @g TABLE (Id int, G varchar(10));
INSERT @g VALUES (1, 'East'), (2, 'east '), (3, 'West'), (5, 'EAST');
SELECT Id, DENSE_RANK() OVER (ORDER BY G) AS dr, RANK() OVER (ORDER BY G) AS rk, CUME_DIST() OVER (ORDER BY G) AS cd,
  SUM(Id) OVER (ORDER BY G) AS s FROM @g ORDER BY Id;
SELECT TOP (1) WITH TIES Id FROM @g ORDER BY G;
