@proc:dbo.usp_CountEntityLetters @lines:19-27,83 @ignored
Feature: Housekeeping of usp_CountEntityLetters
  SET NOCOUNT, variable declarations and RETURN 0: nothing a business table depends on,
  so the set-based version has no counterpart.
