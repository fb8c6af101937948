@proc:dbo.usp_RunNightlyKpis @lines:17-23,29-57 @ignored
Feature: Orchestration and run log of usp_RunNightlyKpis
  The run log in dbo.ProcRunLog, the call of dbo.usp_BuildDeviceKpis with its return-code check,
  and the letters recount through sp_executesql. In the new pipeline these are `migrate run`
  of the two migrated procedures in order; no business table is computed here.
