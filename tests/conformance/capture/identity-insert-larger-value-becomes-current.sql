-- rule: with IDENTITY_INSERT ON, an explicit value larger than the current identity value becomes the current value (a smaller one, filling a gap, does not); SCOPE_IDENTITY() gives the value inserted
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-identity-insert-transact-sql
-- expect: [[{"Id": 1, "Name": "a"}, {"Id": 2, "Name": "gap"}, {"Id": 3, "Name": "c"}, {"Id": 50, "Name": "manual"}, {"Id": 51, "Name": "d"}], [{"scoped": 50, "cur": 50, "last": 51}]]
CREATE TABLE dbo.Tool (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL);
GO
-- test
INSERT INTO dbo.Tool (Name) VALUES ('a'), ('b'), ('c');
DELETE FROM dbo.Tool WHERE Name = 'b';
SET IDENTITY_INSERT dbo.Tool ON;
INSERT INTO dbo.Tool (Id, Name) VALUES (2, 'gap');
INSERT INTO dbo.Tool (Id, Name) VALUES (50, 'manual');
DECLARE @scoped int = SCOPE_IDENTITY(), @cur int = IDENT_CURRENT('dbo.Tool');
SET IDENTITY_INSERT dbo.Tool OFF;
INSERT INTO dbo.Tool (Name) VALUES ('d');
SELECT Id, Name FROM dbo.Tool ORDER BY Id;
SELECT @scoped AS scoped, @cur AS cur, SCOPE_IDENTITY() AS last;
