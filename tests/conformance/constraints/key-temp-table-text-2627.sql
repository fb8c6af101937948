-- rule: a #temp table's varchar primary key ignores case and trailing blanks under the default collation, so 'ab1 ' repeats 'AB1' and the second INSERT fails with 2627 (a #temp table with a text key is everyday legacy code: every one failed in the emulator before)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-error: 2627
-- test
CREATE TABLE #Sku (Sku varchar(10) NOT NULL PRIMARY KEY, Price decimal(10,2) NOT NULL);
INSERT INTO #Sku (Sku, Price) VALUES ('AB1', 1.50);
INSERT INTO #Sku (Sku, Price) VALUES ('ab1 ', 2.00);
