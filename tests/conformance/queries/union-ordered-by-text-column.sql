-- rule: an ORDER BY after UNION ALL sorts the combined rows by the first query's column names, text by the collation (case-insensitive), NULL first
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql
-- expect: [[{"Kind": null, "Amount": "3.00"}, {"Kind": "allowance", "Amount": "2.00"}, {"Kind": "Bonus", "Amount": "5.00"}, {"Kind": "salary", "Amount": "1.00"}], [{"Kind": "salary", "Amount": "1.00"}, {"Kind": "Bonus", "Amount": "5.00"}]]
-- test
SELECT 'salary' AS Kind, CAST(1 AS decimal(5,2)) AS Amount
UNION ALL SELECT 'allowance', 2
UNION ALL SELECT NULL, 3
UNION ALL SELECT 'Bonus', 5
ORDER BY Kind, Amount;
SELECT 'salary' AS Kind, CAST(1 AS decimal(5,2)) AS Amount
UNION SELECT 'Bonus', 5
ORDER BY Kind DESC;
