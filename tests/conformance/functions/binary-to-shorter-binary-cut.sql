-- rule: a binary value converted to binary(n)/varbinary(n) (CAST, a variable's assignment) keeps its first n bytes, silently; binary(n) is zero-padded to n
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/binary-and-varbinary-transact-sql
-- expect: [[{"v": "0x0102", "c": "0x01", "p": "0x0102030000", "eq": 1}]]
-- test
-- A hash kept in a variable sized for fewer bytes than the digest: the prefix, not an error.
DECLARE @v varbinary(2) = 0x010203, @p binary(5) = 0x010203;
SELECT @v AS v, CAST(0x010203 AS varbinary(1)) AS c, @p AS p, IIF(@p = 0x010203, 1, 0) AS eq;
