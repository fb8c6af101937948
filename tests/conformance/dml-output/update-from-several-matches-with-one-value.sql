-- rule: an UPDATE … FROM whose FROM matches a target row several times with the same values updates it once with them (defined whichever row applies)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect: [[{"AccountId": 1, "Segment": "retail"}, {"AccountId": 2, "Segment": "corporate"}], [{"n": 2}]]
CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Segment varchar(10) NULL)
GO
CREATE TABLE dbo.SegmentFeed (AccountId int NOT NULL, Segment varchar(10) NOT NULL, Source varchar(10) NOT NULL)
GO
-- test
INSERT INTO dbo.Account VALUES (1, NULL), (2, NULL);
INSERT INTO dbo.SegmentFeed VALUES (1, 'retail', 'crm'), (2, 'corporate', 'crm'), (2, 'corporate', 'erp');
UPDATE a SET Segment = f.Segment FROM dbo.Account AS a JOIN dbo.SegmentFeed AS f ON f.AccountId = a.AccountId;
DECLARE @n int = @@ROWCOUNT;
SELECT AccountId, Segment FROM dbo.Account ORDER BY AccountId;
SELECT @n AS n;
