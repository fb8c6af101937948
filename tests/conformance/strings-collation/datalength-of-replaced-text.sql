-- rule: REPLACE returns nvarchar when one of its arguments is nvarchar and varchar otherwise, so DATALENGTH of it counts one byte per character when every argument is varchar (a varchar column, plain literals) and two once one is nvarchar (an N'' literal, an nvarchar column)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/replace-transact-sql
-- expect: [[{"Code": "A-10", "a": 3, "b": 6, "c": 14}, {"Code": "B-2-7", "a": 3, "b": 6, "c": 16}]]
-- input: dbo.Part
--| Code,Descr
--| A-10,Hex Bolt
--| B-2-7,Flat Wash
CREATE TABLE dbo.Part (Code varchar(10) NOT NULL PRIMARY KEY, Descr nvarchar(20) NULL)
GO
-- test
SELECT Code,
       DATALENGTH(REPLACE(Code, '-', '')) AS a,
       DATALENGTH(REPLACE(Code, N'-', '')) AS b,
       DATALENGTH(REPLACE(Descr, ' ', '')) AS c
FROM dbo.Part
ORDER BY Code;
