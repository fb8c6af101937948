-- rule: POWER returns the type of its first argument: an int's power is an int (POWER(2, -100.0) is 0, POWER(2, 0.5) is 1), a decimal's has the decimal's scale (POWER(2.0, -100.0) is 0.0, POWER(2.00, -100.0) 0.00, POWER(2.0, 0.5) 1.4), a float's is the float; SQRT, LOG and LOG10 outside their domain raise 3623
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/power-transact-sql
-- expect: [[{"f": 8.0, "g": 15.625, "i1": 0, "i2": 0, "d1": 0.0, "d2": 0.0, "d3": 0.0, "half": 1, "dhalf": 1.4, "growth": 1.63, "caught": 3623, "caught_log": 3623}]]
-- test
DECLARE @input1 float = 2, @input2 float = 2.5, @caught int = 0, @caught_log int = 0, @neg float = -1;
BEGIN TRY SET @caught = SQRT(@neg); END TRY BEGIN CATCH SET @caught = ERROR_NUMBER(); END CATCH
BEGIN TRY SET @caught_log = LOG(0); END TRY BEGIN CATCH SET @caught_log = ERROR_NUMBER(); END CATCH
SELECT POWER(@input1, 3) AS f, POWER(@input2, 3) AS g,
  POWER(2, -100.0) AS i1, POWER(CAST(2.0 AS int), -100.0) AS i2,
  POWER(2.0, -100.0) AS d1, POWER(2.00, -100.0) AS d2, POWER(CAST(2.0 AS decimal(5,2)), -100.0) AS d3,
  POWER(2, 0.5) AS half, POWER(2.0, 0.5) AS dhalf, POWER(1.05, 10) AS growth,
  @caught AS caught, @caught_log AS caught_log;
