-- rule: under a case-sensitive Windows collation some different spellings beyond ASCII still compare equal (expansions such as ß and ss), which the emulator does not reproduce: such text is refused where compared, never compared byte by byte
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect-refused: beyond printable ASCII
-- test
DECLARE @a nvarchar(20) = N'Straße', @b nvarchar(20) = N'Strasse', @n int = 0;
SELECT @n = COUNT(*) WHERE @a COLLATE Latin1_General_CS_AS = @b;
SELECT @n AS n;
