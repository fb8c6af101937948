-- rule: HASHBYTES supports MD2, MD4, MD5, SHA, SHA1, SHA2_256, SHA2_512; the emulator reproduces MD5, SHA1 and SHA2_256
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/hashbytes-transact-sql
-- expect-refused: HASHBYTES('SHA2_512')
-- test
SELECT HASHBYTES('SHA2_512', N'abc') AS h;
