/*
    dbo.usp_RunNightlyKpis  -- called by SQL Agent job "KPI - nightly" at 02:30
    Rebuilds the device KPIs for the last @DaysBack days (yesterday inclusive) and
    recounts the entity letters, logging one row per run in dbo.ProcRunLog.

    2019-03-18  R.Okafor     created
    2020-02-03  R.Okafor     letters recount via sp_executesql so the step can be
                             pointed at another database by the job (@TargetDb)
    2023-01-16  M.Lindqvist  return code of usp_BuildDeviceKpis checked
*/
CREATE PROCEDURE dbo.usp_RunNightlyKpis
    @RunDate   date    = NULL,
    @DaysBack  int     = 7,
    @TargetDb  sysname = NULL
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @rc       int,
            @FromDate date,
            @ToDate   date,
            @RunId    int,
            @sql      nvarchar(max);

    SET @RunDate  = ISNULL(@RunDate, CONVERT(date, GETDATE()));
    SET @ToDate   = DATEADD(DAY, -1, @RunDate);
    SET @FromDate = DATEADD(DAY, 1 - @DaysBack, @ToDate);

    INSERT INTO dbo.ProcRunLog (ProcName, Status, Parameters)
    VALUES ('dbo.usp_RunNightlyKpis', 'Running',
            'RunDate=' + CONVERT(varchar(10), @RunDate, 120) + ';DaysBack=' + CAST(@DaysBack AS varchar(12)));
    SET @RunId = SCOPE_IDENTITY();

    EXEC @rc = dbo.usp_BuildDeviceKpis
         @FromDate   = @FromDate,
         @ToDate     = @ToDate,
         @MinSamples = 10,
         @Debug      = 0;

    IF @rc <> 0
    BEGIN
        UPDATE dbo.ProcRunLog
        SET    FinishedAt = GETDATE(), Status = 'Failed',
               Message = 'usp_BuildDeviceKpis returned ' + CAST(@rc AS varchar(12))
        WHERE  RunId = @RunId;

        RETURN @rc;
    END

    SET @sql = N'EXEC ' + ISNULL(QUOTENAME(@TargetDb) + N'.', N'') + N'dbo.usp_CountEntityLetters @EntityId = @pEntityId;';
    EXEC sp_executesql @sql, N'@pEntityId int', @pEntityId = NULL;

    UPDATE dbo.ProcRunLog
    SET    FinishedAt = GETDATE(), Status = 'Succeeded'
    WHERE  RunId = @RunId;

    RETURN 0;
END
GO
