-- rule: a SET option changed inside a stored procedure reverts when the procedure returns
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-statements-transact-sql
-- expect: [[{"v": "2008-02-01"}], [{"v": "2008-01-02"}]]
CREATE PROCEDURE dbo.usp_dmy AS
BEGIN
  SET DATEFORMAT dmy;
  SELECT CAST('01/02/2008' AS date) AS v;
END
GO
-- test
EXEC dbo.usp_dmy;
SELECT CAST('01/02/2008' AS date) AS v;
