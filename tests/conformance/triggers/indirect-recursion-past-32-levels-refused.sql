-- rule: triggers that fire each other (indirect recursion, allowed with RECURSIVE_TRIGGERS OFF) stop at 32 nested levels with error 217, rolling back: refused
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/triggers/create-nested-triggers
-- expect-refused: past 32 nested levels
CREATE TABLE dbo.Ping (N int);
GO
CREATE TABLE dbo.Pong (N int);
GO
CREATE TRIGGER dbo.trg_Ping ON dbo.Ping AFTER INSERT AS INSERT INTO dbo.Pong (N) SELECT N + 1 FROM inserted;
GO
CREATE TRIGGER dbo.trg_Pong ON dbo.Pong AFTER INSERT AS INSERT INTO dbo.Ping (N) SELECT N + 1 FROM inserted;
GO
-- test
INSERT INTO dbo.Ping (N) VALUES (0);
