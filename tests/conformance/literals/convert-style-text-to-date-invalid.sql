-- rule: text that does not match CONVERT's date style fails with 241 under CONVERT and is NULL under TRY_CONVERT (day 31 of month 13 in style 103)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/try-convert-transact-sql
-- expect: [[{"bad": null, "good": "2024-12-31", "caught": 241}]]
-- test
DECLARE @caught int = 0, @d date;
BEGIN TRY
  SET @d = CONVERT(date, '31/13/2024', 103);
END TRY
BEGIN CATCH
  SET @caught = ERROR_NUMBER();
END CATCH
SELECT TRY_CONVERT(date, '31/13/2024', 103) AS bad, CONVERT(varchar(10), TRY_CONVERT(date, '31/12/2024', 103), 23) AS good, @caught AS caught;
