-- rule: CONVERT(varchar|nvarchar(n), <date or money>, style) is of the type it names, so CONCAT over it is varchar or nvarchar and HASHBYTES hashes code-page or UTF-16LE bytes
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/hashbytes-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/functions/concat-transact-sql ; https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"v": "0x089956CECE0101C1406E91D711CE5E2BF0781D50936718FF6813B149E6E31899", "n": "0xC91BFBDBCDA25A333236BA30B3BD64AEF57381E8FE3E32A0C5C70E7B25AA6E0A", "m": "0xCD444D39C046986BEFD1584A5E36598C59B45C861B811F663E50743F18C7C482"}]]
-- test
-- Expected values: SHA-256 of 'K7|2020-01-02|' in code page 1252, of 'K7|02/01/2020' in UTF-16LE,
-- of 'K7|1,234.50' in code page 1252 (a change-detection hash of a staging row).
DECLARE @Code varchar(10) = 'K7', @Signed date = '20200102', @Closed date = NULL, @Limit money = 1234.50;
SELECT HASHBYTES('SHA2_256', CONCAT(@Code, '|', ISNULL(CONVERT(varchar(30), @Signed, 121), ''), '|', ISNULL(CONVERT(varchar(30), @Closed, 121), ''))) AS v,
       HASHBYTES('SHA2_256', CONCAT(@Code, '|', CONVERT(nvarchar(10), @Signed, 103))) AS n,
       HASHBYTES('SHA2_256', CONCAT(@Code, '|', CONVERT(varchar(20), @Limit, 1))) AS m;
