-- rule: sqlcmd replaces a scripting variable $(name) wherever it appears in a batch, quoted strings included, before the server reads it: the procedure SQL Server holds compares the variable's value, which the emulator does not know
-- source: https://learn.microsoft.com/en-us/sql/tools/sqlcmd/sqlcmd-use-scripting-variables
-- expect-refused: the SQLCMD variable $(Environment) in a string constant
-- test
IF '$(Environment)' = 'PROD'
    SELECT 1 AS IsProd;
ELSE
    SELECT 0 AS IsProd;
