-- rule: sp_sequence_get_range returns the first value of the range (the sequence's next value) and the last one, as sql_variant of the sequence's type, and the sequence goes on after the range
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-sequence-get-range-transact-sql
-- expect: [[{"first": 10, "last": 40, "next": 50}]]
CREATE SEQUENCE dbo.RangeSeq AS int START WITH 10 INCREMENT BY 10;
GO
-- test
DECLARE @first sql_variant, @last sql_variant;
EXEC sys.sp_sequence_get_range @sequence_name = N'dbo.RangeSeq', @range_size = 4, @range_first_value = @first OUTPUT, @range_last_value = @last OUTPUT;
SELECT CONVERT(int, @first) AS first, CONVERT(int, @last) AS last, NEXT VALUE FOR dbo.RangeSeq AS next;
