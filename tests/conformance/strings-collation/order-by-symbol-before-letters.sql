-- rule: every default collation sorts punctuation other than the hyphen and apostrophe before digits and letters (word sort and string sort alike), so 'A.B' comes before 'AC', and a value before its own continuation ('O' before 'O''Neil'); such pairs are ordered, not refused
-- source: https://learn.microsoft.com/en-us/previous-versions/visualstudio/visual-studio-6.0/aa254109(v=vs.60)
-- expect: [[{"Code": "A.B"}, {"Code": "AC"}, {"Code": "O"}, {"Code": "O'Neil"}], [{"Smallest": "A.B", "n": 1}]]
-- input: dbo.Account
--| Code
--| AC
--| O'Neil
--| A.B
--| O
CREATE TABLE dbo.Account (Code varchar(20))
GO
-- test
SELECT Code FROM dbo.Account ORDER BY Code;
SELECT MIN(Code) AS Smallest, SUM(CASE WHEN Code < 'AB' THEN 1 ELSE 0 END) AS n FROM dbo.Account;
