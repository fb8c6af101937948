-- rule: a table value constructor types each column as all its rows' values together, by data type precedence: decimal(2,1) beside decimal(3,2) is decimal(3,2) (2.25 stays 2.25), an int beside a decimal(2,1) is a decimal with one decimal (1 is 1.0)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/table-value-constructor-transact-sql
-- expect: [[{"Rate": "1.50", "Third": "0.500000"}, {"Rate": "2.25", "Third": "0.750000"}], [{"N": "1.0"}, {"N": "2.5"}]]
-- test
SELECT CAST(v.r AS varchar(10)) AS Rate, CAST(v.r / 3 AS varchar(30)) AS Third FROM (VALUES (1.5), (2.25)) AS v(r) ORDER BY v.r;
SELECT CAST(v.n AS varchar(10)) AS N FROM (VALUES (1), (2.5)) AS v(n) ORDER BY v.n;
