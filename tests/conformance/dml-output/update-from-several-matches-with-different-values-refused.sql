-- rule: an UPDATE … FROM whose FROM matches a target row with several rows giving different values leaves the result undefined (any one applies): refused
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql
-- expect-refused: an UPDATE … FROM that matches a row of dbo.Account with several rows giving it different values
CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Segment varchar(10) NULL)
GO
CREATE TABLE dbo.SegmentFeed (AccountId int NOT NULL, Segment varchar(10) NOT NULL)
GO
-- test
INSERT INTO dbo.Account VALUES (1, NULL), (2, NULL);
INSERT INTO dbo.SegmentFeed VALUES (1, 'retail'), (2, 'retail'), (2, 'corporate');
UPDATE a SET Segment = f.Segment FROM dbo.Account AS a JOIN dbo.SegmentFeed AS f ON f.AccountId = a.AccountId;
