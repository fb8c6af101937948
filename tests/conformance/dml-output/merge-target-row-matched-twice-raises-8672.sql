-- rule: a MERGE with WHEN MATCHED THEN UPDATE fails with error 8672 when a target row matches more than one source row, even with equal values; nothing is written and CATCH sees it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"num": 8672}], [{"AccountId": 1, "Segment": null}]]
CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Segment varchar(10) NULL)
GO
CREATE TABLE dbo.SegmentFeed (AccountId int NOT NULL, Segment varchar(10) NOT NULL)
GO
-- test
INSERT INTO dbo.Account VALUES (1, NULL);
INSERT INTO dbo.SegmentFeed VALUES (1, 'retail'), (1, 'retail'), (3, 'retail');
BEGIN TRY
  MERGE dbo.Account AS t
  USING dbo.SegmentFeed AS s ON s.AccountId = t.AccountId
  WHEN MATCHED THEN UPDATE SET Segment = s.Segment
  WHEN NOT MATCHED BY TARGET THEN INSERT (AccountId, Segment) VALUES (s.AccountId, s.Segment);
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num;
END CATCH
SELECT AccountId, Segment FROM dbo.Account ORDER BY AccountId;
