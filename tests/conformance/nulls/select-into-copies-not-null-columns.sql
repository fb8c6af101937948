-- rule: SELECT … INTO keeps a NOT NULL source column NOT NULL when it copies it as it is (a later NULL there fails with 515); the other side of a LEFT JOIN, an expression over the column, and a nullable column stay nullable
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-into-clause-transact-sql
-- expect: [[{"Id": 1, "Code": "A", "Note": null, "Twice": 2}, {"Id": 2, "Code": "B", "Note": null, "Twice": null}], [{"Id": 1, "Code": null}, {"Id": 9, "Code": null}]]
-- expect-print: ["copied: 515", "qualified: 515"]
-- input: dbo.Item
--| Id,Code,Note
--| 1,A,
-- input: dbo.[Item Tag]
--| Item Id,Code
--| 1,A
CREATE TABLE dbo.Item (Id int NOT NULL, Code varchar(5) NOT NULL, Note varchar(20) NULL)
GO
CREATE TABLE dbo.[Item Tag] ([Item Id] int NOT NULL, Code varchar(5) NOT NULL)
GO
-- test
SELECT Id, i.Code, Note, Id * 2 AS Twice INTO #i FROM dbo.Item AS i JOIN dbo.[Item Tag] t ON t.[Item Id] = i.Id;
BEGIN TRY
  INSERT #i (Id, Code, Note, Twice) VALUES (NULL, 'B', NULL, NULL);
END TRY
BEGIN CATCH
  PRINT CONCAT('copied: ', ERROR_NUMBER());
END CATCH
BEGIN TRY
  INSERT #i (Id, Code, Note, Twice) VALUES (2, NULL, NULL, NULL);
END TRY
BEGIN CATCH
  PRINT CONCAT('qualified: ', ERROR_NUMBER());
END CATCH
INSERT #i (Id, Code, Note, Twice) VALUES (2, 'B', NULL, NULL);
SELECT Id, Code, Note, Twice FROM #i ORDER BY Id;
-- the tag's code comes from the outer side of a LEFT JOIN: nullable
SELECT i.Id, t.Code INTO #o FROM dbo.Item i LEFT JOIN dbo.[Item Tag] t ON t.[Item Id] = i.Id AND t.Code = 'Z';
INSERT #o (Id, Code) VALUES (9, NULL);
SELECT Id, Code FROM #o ORDER BY Id;
