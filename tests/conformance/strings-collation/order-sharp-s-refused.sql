-- rule: Latin1_General sorts 'ß' as 'ss' and ligatures by their expansion, which the emulator does not reproduce: ordering such text is refused, never guessed
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: ordering text holding letters outside ASCII
-- input: dbo.Streets
--| S
--| Straße
--| Strasse
--| Stras
CREATE TABLE dbo.Streets (S nvarchar(20) NOT NULL);
GO
-- test
SELECT MAX(S) AS Last FROM dbo.Streets;
