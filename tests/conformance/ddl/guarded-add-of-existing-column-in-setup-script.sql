-- rule: an upgrade script's ALTER TABLE … ADD of a column the CREATE TABLE already defines adds nothing (its IF COL_LENGTH(…) IS NULL guard skips it; unguarded it fails with 2705 and adds nothing either): the table keeps one column, of the CREATE's type
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/col-length-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-table-transact-sql
-- expect: [[{"Line No": 1, "Prorate Factor": "0.482759"}, {"Line No": 2, "Prorate Factor": null}]]
-- input: rpt.Bill Line
--| Line No,Prorate Factor
--| 2,
--| 1,0.482759
CREATE TABLE rpt.[Bill Line] ([Line No] smallint NOT NULL PRIMARY KEY, [Prorate Factor] decimal(9,6) NULL)
GO
IF COL_LENGTH('rpt.[Bill Line]', 'Prorate Factor') IS NULL
BEGIN
    ALTER TABLE rpt.[Bill Line] ADD [Prorate Factor] decimal(9,2) NULL;
END
GO
ALTER TABLE rpt.[Bill Line] ADD [Prorate Factor] float NULL, CONSTRAINT [CK_Line] CHECK ([Line No] > 5);
GO
-- test
SELECT [Line No], [Prorate Factor] FROM rpt.[Bill Line] ORDER BY [Line No];
