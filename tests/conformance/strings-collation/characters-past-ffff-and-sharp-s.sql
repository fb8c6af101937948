-- rule: under the default collations (not supplementary-character aware) a character past U+FFFF is a surrogate pair that LEN counts as two characters, and UPPER leaves ß as it is (its case tables have no one-letter capital); character positions through such text (SUBSTRING, LEFT, CHARINDEX, …) are refused by the emulator rather than counted once
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
-- expect: [[{"len_emoji": 2, "len_mixed": 4, "upper_sharp_s": "STRAßE", "upper_plain": "ABC"}]]
-- test
SELECT LEN(N'😀') AS len_emoji, LEN(N'a😀b ') AS len_mixed, UPPER(N'straße') AS upper_sharp_s, UPPER('abc') AS upper_plain;
