-- rule: a table value constructor converts a column's values of different types to the one of higher precedence (text beside a date is read as a date, or fails); the emulator refuses such a column rather than typing it by one row
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/table-value-constructor-transact-sql
-- expect-refused: a VALUES column whose rows hold values of different types
-- test
SELECT v.d FROM (VALUES (CAST('2024-01-01' AS date)), ('2024-02-01')) AS v(d);
