-- rule: a filtered inline unique index (INDEX ix UNIQUE (…) WHERE …) keeps unique only the rows its filter selects; DuckDB has no partial index, so the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql
-- expect-refused: filtered unique index
-- test
CREATE TABLE #Open (Id int NOT NULL, [Status] char(1) NOT NULL, INDEX UX_Open UNIQUE (Id) WHERE [Status] = 'O');
INSERT INTO #Open (Id, [Status]) VALUES (1, 'C'), (1, 'O');
SELECT COUNT(*) AS n FROM #Open;
