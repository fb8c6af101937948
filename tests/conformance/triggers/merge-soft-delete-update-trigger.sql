-- rule: a MERGE fires its UPDATE action's AFTER trigger once, with every row its WHEN MATCHED and WHEN NOT MATCHED BY SOURCE THEN UPDATE clauses changed in inserted (new values) and deleted (old values)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql
-- expect: [[{"Tier Code": "BRZ", "Old Rate": "1.2500", "New Rate": "1.3000", "Old Active": 1, "New Active": 1}, {"Tier Code": "GLD", "Old Rate": "0.9000", "New Rate": "0.9000", "Old Active": 1, "New Active": 0}, {"Tier Code": "PLT", "Old Rate": "0.7500", "New Rate": "0.7500", "Old Active": 1, "New Active": 0}, {"Tier Code": "SLV", "Old Rate": "1.1000", "New Rate": "1.0500", "Old Active": 0, "New Active": 1}], [{"Fired": 1}]]
-- input: cis.Rate Tier
--| Tier Code,Unit Price,Is Active
--| BRZ,1.2500,1
--| SLV,1.1000,0
--| GLD,0.9000,1
--| PLT,0.7500,1
CREATE SCHEMA cis;
GO
CREATE TABLE cis.[Rate Tier] ([Tier Code] char(3) NOT NULL PRIMARY KEY, [Unit Price] decimal(9,4) NOT NULL, [Is Active] bit NOT NULL);
GO
CREATE TABLE cis.[Rate Tier History] ([Tier Code] char(3) NOT NULL, [Old Rate] decimal(9,4) NULL, [New Rate] decimal(9,4) NULL, [Old Active] bit NULL, [New Active] bit NULL);
GO
CREATE TABLE cis.[Trigger Runs] (Fired int NOT NULL);
GO
CREATE TRIGGER cis.[trg Rate Tier Changed] ON cis.[Rate Tier] AFTER UPDATE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO cis.[Trigger Runs] (Fired) VALUES (1);
  INSERT INTO cis.[Rate Tier History] ([Tier Code], [Old Rate], [New Rate], [Old Active], [New Active])
  SELECT i.[Tier Code], d.[Unit Price], i.[Unit Price], d.[Is Active], i.[Is Active]
  FROM inserted AS i INNER JOIN deleted AS d ON d.[Tier Code] = i.[Tier Code];
END
GO
-- test
DECLARE @Tariff TABLE ([Tier Code] char(3) NOT NULL, [Unit Price] decimal(9,4) NOT NULL);
INSERT INTO @Tariff VALUES ('BRZ', 1.3), ('SLV', 1.05);
MERGE cis.[Rate Tier] AS rt
USING @Tariff AS tf ON rt.[Tier Code] = tf.[Tier Code]
WHEN MATCHED THEN UPDATE SET rt.[Unit Price] = tf.[Unit Price], rt.[Is Active] = 1
WHEN NOT MATCHED BY SOURCE THEN UPDATE SET rt.[Is Active] = 0;
SELECT [Tier Code], [Old Rate], [New Rate], [Old Active], [New Active] FROM cis.[Rate Tier History] ORDER BY [Tier Code];
SELECT COUNT(*) AS Fired FROM cis.[Trigger Runs];
