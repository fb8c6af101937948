-- rule: a Windows collation's word sort passes over hyphens and apostrophes ('co-op' sorts beside 'coop'), while a SQL collation sorts varchar hyphens like other symbols, before letters and digits; the scripts do not say which collation the database has, so two values that first differ at a hyphen are refused where an ORDER BY puts them side by side, never ordered by code points
-- source: https://learn.microsoft.com/en-us/previous-versions/visualstudio/visual-studio-6.0/aa254109(v=vs.60) ; https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: ordering text whose first difference is punctuation
-- input: dbo.Contact
--| Phone
--| 555-1234
--| 5551234
CREATE TABLE dbo.Contact (Phone varchar(20))
GO
-- test
SELECT Phone FROM dbo.Contact ORDER BY Phone;
