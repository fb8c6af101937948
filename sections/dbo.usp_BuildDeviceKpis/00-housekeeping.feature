@proc:dbo.usp_BuildDeviceKpis @lines:34-67,70-78,103,221-224,350-365,378-404 @ignored
Feature: Housekeeping of usp_BuildDeviceKpis
  SET NOCOUNT, declarations, argument checks (RAISERROR, RETURN -1), the dbo.ProcRunLog run log,
  temp-table drops, the @Debug output, the transaction and TRY/CATCH. The run log and error
  handling belong to the new pipeline's runner, not to a business table.
