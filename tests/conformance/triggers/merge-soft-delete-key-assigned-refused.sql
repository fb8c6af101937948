-- rule: a MERGE's UPDATE trigger sees the old and new values of each row WHEN NOT MATCHED BY SOURCE THEN UPDATE changed; the emulator reads those rows back by the target's PRIMARY KEY, so an UPDATE of the MERGE assigning a key column is refused, at that assignment
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect-refused: an UPDATE trigger on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE that assigns a column of the PRIMARY KEY
-- input: dbo.Account
--| Account No,Branch,Is Open
--| 1001,North,1
--| 1002,South,1
CREATE TABLE dbo.Account ([Account No] int NOT NULL PRIMARY KEY, Branch varchar(10) NOT NULL, [Is Open] bit NOT NULL);
GO
CREATE TABLE dbo.[Account Log] ([Account No] int, [Was Open] bit, [Is Open] bit);
GO
CREATE TRIGGER dbo.trg_Account_Upd ON dbo.Account AFTER UPDATE AS
  INSERT INTO dbo.[Account Log] SELECT i.[Account No], d.[Is Open], i.[Is Open] FROM inserted i JOIN deleted d ON d.[Account No] = i.[Account No];
GO
-- test
MERGE dbo.Account AS a
USING (SELECT 1001 AS [Account No], 'East' AS Branch) AS s ON a.[Account No] = s.[Account No]
WHEN MATCHED THEN UPDATE SET [Account No] = s.[Account No] + 5000, Branch = s.Branch
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET [Is Open] = 0;
SELECT [Account No], [Was Open], [Is Open] FROM dbo.[Account Log];
