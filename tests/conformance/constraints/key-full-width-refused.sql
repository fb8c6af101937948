-- rule: the default collations are width-insensitive, so a full-width N'ＡＢＣ' in a unique nvarchar key repeats N'ABC'; code points keep them apart, so such a key value is refused where it is written
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: a key value holding characters SQL Server's collation may equate with other spellings
CREATE TABLE dbo.Product (Code nvarchar(20) NOT NULL, CONSTRAINT UQ_Product_Code UNIQUE (Code));
GO
-- test
INSERT INTO dbo.Product (Code) VALUES (N'ABC');
INSERT INTO dbo.Product (Code) VALUES (N'ＡＢＣ');
