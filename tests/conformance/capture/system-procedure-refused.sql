-- rule: sp_sequence_get_range reserves a range of sequence values; the emulator does not run system procedures and names the one it met
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-sequence-get-range-transact-sql
-- expect-refused: the system procedure sys.sp_sequence_get_range
CREATE SEQUENCE dbo.Seq AS int START WITH 1;
GO
-- test
DECLARE @first sql_variant;
EXEC sys.sp_sequence_get_range @sequence_name = N'dbo.Seq', @range_size = 10, @range_first_value = @first OUTPUT;
