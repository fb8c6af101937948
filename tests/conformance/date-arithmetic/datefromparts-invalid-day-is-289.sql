-- rule: DATEFROMPARTS builds the date of valid parts (a leap day included) and returns NULL when an argument is NULL; a day that does not exist (29 February 2023, month 13) raises error 289, which TRY/CATCH catches
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/datefromparts-transact-sql
-- expect: [[{"Id": 1, "d": "2024-02-29"}, {"Id": 2, "d": "2024-12-31"}, {"Id": 3, "d": null}], [{"n": 289, "m": "Cannot construct data type date, some of the arguments have values which are not valid."}]]
-- test
DECLARE @p TABLE (Id int, Y int, M int, D int);
INSERT @p VALUES (1, 2024, 2, 29), (2, 2024, 12, 31), (3, NULL, 1, 1);
SELECT Id, DATEFROMPARTS(Y, M, D) AS d FROM @p ORDER BY Id;
BEGIN TRY
  SELECT DATEFROMPARTS(Y - 1, M + 11, D) AS bad FROM @p;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m;
END CATCH
