-- rule: from compatibility level 130 a datetime ending in .xx3 converted to time(7) keeps its exact tick to the 100 ns digit (.0033333), which the emulator's 1 µs time cannot hold
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 140
-- expect-refused: converting a datetime whose milliseconds end in 3 or 7 to time(7) at compatibility level 130 or higher
-- test
DECLARE @d datetime = '2021-11-09 13:52:29.003';
SELECT CAST(@d AS time) AS t;
