-- rule: under SET DATEFORMAT dmy, CAST reads '2024-03-04' into datetime as 3 April; whether OPENJSON … WITH (d datetime) reads its text the same way is not documented, so the emulator refuses the column rather than pick a reading
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/openjson-transact-sql
-- expect-refused: OPENJSON … WITH a datetime column under DATEFORMAT dmy
-- test
SET DATEFORMAT dmy;
DECLARE @doc nvarchar(200) = N'[{"id": 1, "d": "2024-03-04"}]';
SELECT id, d FROM OPENJSON(@doc) WITH (id int '$.id', d datetime '$.d');
