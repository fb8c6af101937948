-- rule: CONVERT between binary and text: style 1 writes 0x and two upper-case hex digits per byte, style 2 the digits alone, style 0 byte for character (nvarchar as UTF-16LE); text to binary reads the hex digits in styles 1 and 2; binary(n) is zero-padded, text cut to its length; TRY_CONVERT of bad hex is NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"s1": "0x41A9005C", "s2": "41A9005C", "cut": "0x41", "s0": "ABC", "sn": "A", "b1": "0x4142", "b2": "0x4142", "bn": "0x4100", "bf": "0x41420000", "bad": null, "nul": null}]]
-- test
-- The change-detection idiom of dimension loads: a SHA-256 kept as text, CONVERT(varchar(66), @hash, 1).
DECLARE @b varbinary(8) = 0x41A9005C, @n varbinary(8) = NULL;
SELECT CONVERT(varchar(20), @b, 1) AS s1, CONVERT(varchar(20), @b, 2) AS s2, CONVERT(varchar(4), 0x414243, 1) AS cut,
       CONVERT(varchar(20), 0x414243) AS s0, CAST(0x4100 AS nvarchar(4)) AS sn,
       CONVERT(varbinary(8), '0x4142', 1) AS b1, CONVERT(varbinary(8), '4142', 2) AS b2, CAST(N'A' AS varbinary(8)) AS bn,
       CAST('AB' AS binary(4)) AS bf, TRY_CONVERT(varbinary(8), 'zz', 2) AS bad, CONVERT(varchar(20), @n, 1) AS nul;
