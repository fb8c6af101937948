-- rule: a PRIMARY KEY declared WITH (IGNORE_DUP_KEY = ON) drops a repeated key's row with a warning instead of failing the INSERT; which row is dropped depends on the plan, so the emulator refuses it
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql
-- expect-refused: IGNORE_DUP_KEY
-- test
CREATE TABLE #Seen (Code varchar(10) NOT NULL PRIMARY KEY WITH (IGNORE_DUP_KEY = ON), Amount int NULL);
INSERT INTO #Seen (Code, Amount) VALUES ('a', 1), ('A', 2), ('b', 3);
SELECT Code, Amount FROM #Seen ORDER BY Code;
