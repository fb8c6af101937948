-- rule: an integer constant outside int's range is numeric(digits, 0), not bigint, so dividing it by an int follows decimal division (3000000000 / 7 is numeric(10,0) / numeric(1,0): scale max(6, 0 + 1 + 1) = 6, truncated), where bigint would divide as integers
-- source: https://learn.microsoft.com/en-us/archive/blogs/jpsql/sql-server-2147483647-2147483648
-- expect: [[{"q": "428571428.571428", "s": "2147483649"}]]
-- test
SELECT CAST(3000000000 / 7 AS varchar(40)) AS q, CAST(2147483648 + 1 AS varchar(40)) AS s;
