-- rule: a DML statement with OUTPUT without INTO on a table with an enabled trigger is not run (error 334): refused, saying so
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql
-- expect-refused: OUTPUT without INTO in a statement that fires the trigger dbo.trg_Parcel_Gone
CREATE TABLE dbo.Parcel (ParcelNo int, Weight int);
GO
CREATE TABLE dbo.ParcelGone (ParcelNo int);
GO
CREATE TRIGGER dbo.trg_Parcel_Gone ON dbo.Parcel AFTER DELETE AS INSERT INTO dbo.ParcelGone (ParcelNo) SELECT ParcelNo FROM deleted;
GO
-- test
DELETE FROM dbo.Parcel OUTPUT deleted.ParcelNo WHERE Weight > 10;
