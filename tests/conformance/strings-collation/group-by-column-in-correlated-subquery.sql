-- rule: a grouped column may be read in a correlated subquery of the select list; text differing only in trailing blanks is one group there too
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql
-- expect: [[{"n": 2, "orders": 3}, {"n": 1, "orders": 0}]]
-- test
DECLARE @c TABLE (Name varchar(10));
DECLARE @o TABLE (Customer varchar(10));
INSERT INTO @c VALUES ('ann'), ('ann '), ('bob');
INSERT INTO @o VALUES ('ANN'), ('ann'), ('ann  ');
SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM @o o WHERE o.Customer = c.Name) AS orders FROM @c c GROUP BY c.Name ORDER BY c.Name;
