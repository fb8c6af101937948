-- rule: SELECT DISTINCT compares text as the collation does (case and trailing blanks ignored) also when the select list carries a variable or a literal beside the columns, as a load stamps its run id on each distinct code
-- source: https://learn.microsoft.com/en-us/sql/t-sql/queries/select-transact-sql
-- expect: [[{"runs": 1, "codes": 2, "rows": 2}]]
-- test
DECLARE @RunId int = 7;
DECLARE @stage TABLE (Code char(6), Region varchar(10));
DECLARE @log TABLE (RunId int, Code varchar(10), Source varchar(10));
INSERT INTO @stage VALUES ('AB', 'n'), ('ab', 'N '), ('CD', 's');
INSERT INTO @log (RunId, Code, Source) SELECT DISTINCT @RunId, Region, 'stage' FROM @stage;
SELECT COUNT(DISTINCT RunId) AS runs, COUNT(DISTINCT Code) AS codes, COUNT(*) AS rows FROM @log;
