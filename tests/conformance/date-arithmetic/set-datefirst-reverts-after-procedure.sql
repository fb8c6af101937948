-- rule: a SET option a stored procedure runs reverts when control returns from it: a callee's SET DATEFIRST 1 leaves the caller's weekday numbering (default 7) as it was, while a procedure the caller runs after its own SET DATEFIRST 1 sees 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/set-statements-transact-sql
-- expect: [[{"callee_sees": 6, "after_callee": 7, "df": 7, "inherited": 6}]]
CREATE PROCEDURE dbo.usp_MondayFirst @d date, @w int OUTPUT AS BEGIN SET DATEFIRST 1; SET @w = DATEPART(weekday, @d); END
GO
CREATE PROCEDURE dbo.usp_Weekday @d date, @w int OUTPUT AS BEGIN SET @w = DATEPART(weekday, @d); END
GO
-- test
DECLARE @sat date = '2024-02-03', @inner int, @after int, @df int, @inherited int;
EXEC dbo.usp_MondayFirst @sat, @inner OUTPUT;
SET @after = DATEPART(weekday, @sat);
SET @df = @@DATEFIRST;
SET DATEFIRST 1;
EXEC dbo.usp_Weekday @sat, @inherited OUTPUT;
SELECT @inner AS callee_sees, @after AS after_callee, @df AS df, @inherited AS inherited;
