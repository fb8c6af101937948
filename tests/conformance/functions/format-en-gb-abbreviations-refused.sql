-- rule: en-GB's abbreviated month names (Sep or Sept), day names and AM/PM designators come from the Windows culture data SQL Server's .NET reads, which differs between Windows versions; the emulator refuses them rather than guess
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/format-transact-sql
-- expect-refused: FORMAT with 'dd MMM yyyy': 'MMM' in en-GB
-- test
DECLARE @d date = '2024-09-02';
SELECT FORMAT(@d, 'dd MMM yyyy', 'en-GB') AS t;
