-- rule: CROSS APPLY of a table value constructor gives one row per VALUES row for each outer row, its values read from the outer row (the unpivot idiom; NULLs are kept, where UNPIVOT drops them)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/table-value-constructor-transact-sql
-- expect: [[{"Region": "North", "Quarter": "Q1", "Amount": 1.50}, {"Region": "North", "Quarter": "Q2", "Amount": null}, {"Region": "South", "Quarter": "Q1", "Amount": 2.00}, {"Region": "South", "Quarter": "Q2", "Amount": 3.25}]]
-- input: dbo.Budget
--| Region,Q1,Q2
--| North,1.50,
--| South,2.00,3.25
CREATE TABLE dbo.Budget (Region varchar(20) NOT NULL, Q1 decimal(10,2) NULL, Q2 decimal(10,2) NULL)
GO
-- test
SELECT b.Region, u.Quarter, u.Amount
FROM dbo.Budget b
CROSS APPLY (VALUES ('Q1', b.Q1), ('Q2', b.Q2)) AS u(Quarter, Amount)
ORDER BY b.Region, u.Quarter;
