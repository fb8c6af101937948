-- rule: savepoints nest: a ROLLBACK to an earlier savepoint discards the later ones, and of two savepoints of one name a ROLLBACK goes to the most recent, which stays (a second ROLLBACK to the name goes there again); identity values drawn since a savepoint stay drawn (identity is not transactional)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/save-transaction-transact-sql
-- expect: [[{"Id": 1, "V": "a"}, {"Id": 4, "V": "d"}], [{"Id": 1, "V": "a"}, {"Id": 4, "V": "d"}, {"Id": 5, "V": "x"}, {"Id": 6, "V": "e"}]]
CREATE TABLE dbo.T (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);
GO
-- test
BEGIN TRAN;
INSERT INTO dbo.T (V) VALUES ('a');
SAVE TRAN A;
INSERT INTO dbo.T (V) VALUES ('b');
SAVE TRAN B;
INSERT INTO dbo.T (V) VALUES ('c');
ROLLBACK TRAN A;
INSERT INTO dbo.T (V) VALUES ('d');
SELECT Id, V FROM dbo.T ORDER BY Id;
SAVE TRAN A;
INSERT INTO dbo.T (V) VALUES ('x');
SAVE TRAN A;
ROLLBACK TRAN A;
ROLLBACK TRAN A;
INSERT INTO dbo.T (V) VALUES ('e');
COMMIT;
SELECT Id, V FROM dbo.T ORDER BY Id;
