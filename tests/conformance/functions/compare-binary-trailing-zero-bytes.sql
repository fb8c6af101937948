-- rule: binary values compare byte by byte except that trailing zero bytes do not count: 0x01 = 0x0100, and 0x0101 > 0x0100
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/binary-and-varbinary-transact-sql
-- expect: [[{"eq": 1, "ne": 0, "lt": 0, "gt": 1, "empty": 1, "same": 1}]]
-- test
-- The pages do not state the trailing-zero rule; Microsoft's answer to the Connect item "Invalid
-- equality comparison for varbinary data with right padded zeros" does ("We treat it as equal").
-- A binary(8) hash column padded with zeros then equals the varbinary value it was filled from.
DECLARE @a varbinary(8) = 0x01, @b varbinary(8) = 0x0100, @p binary(4) = 0x0102;
SELECT IIF(@a = @b, 1, 0) AS eq, IIF(@a <> @b, 1, 0) AS ne, IIF(@a < @b, 1, 0) AS lt, IIF(0x0101 > @b, 1, 0) AS gt,
       IIF(0x = 0x00, 1, 0) AS empty, IIF(@p = 0x0102, 1, 0) AS same;
