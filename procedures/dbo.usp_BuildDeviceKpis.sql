/******************************************************************************
** Name:     dbo.usp_BuildDeviceKpis
** Desc:     Builds the device telemetry KPIs for a date range:
**             1. kpi.DeviceDailyUsage            one row per device and day
**             2. kpi.ConfigurationKpi            per configuration, day and workload (MERGE/upsert)
**             3. kpi.BestConfigurationByWorkload the configuration with the lowest battery
**                                                drain per workload over the range
**           and returns the best configurations as a result set.
** Auth:     R.Okafor
** Date:     2019-03-11
*******************************************************************************
** Change History
*******************************************************************************
** Date        Author       Description
** ----------  -----------  ---------------------------------------------------
** 2019-03-11  R.Okafor     Created (daily usage only).
** 2019-08-02  R.Okafor     Configuration KPIs; config key = sorted settings of
**                          the snapshot active at the time of each sample.
** 2020-11-17  R.Okafor     Battery averages weighted by battery samples
**                          (mains-powered devices report NULL drain).
** 2021-04-29  T.Nguyen     Usage recorded before the first config scan is
**                          keyed 'UNKNOWN' instead of being dropped (INC-4471).
** 2022-06-09  M.Lindqvist  Best configuration per workload; ties broken by
**                          CPU then config key so reruns give the same answer.
** 2023-01-16  M.Lindqvist  @MinSamples; TRY/CATCH and run log.
******************************************************************************/
CREATE PROCEDURE dbo.usp_BuildDeviceKpis
    @FromDate   date,
    @ToDate     date,
    @MinSamples int = 10,
    @Debug      bit = 0
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @RunId               int,
            @StartedAt           datetime = GETDATE(),
            @DeviceId            int,
            @BatchId             int,
            @BatchCollectedAt    datetime,
            @ConfigKey           varchar(400),
            @Day                 datetime,
            @LastDay             datetime,
            @Rows                int,
            @RowsDaily           int = 0,
            @RowsKpi             int = 0,
            @RowsBest            int = 0,
            @DevicesProcessed    int = 0,
            @DevicesWithoutUsage int = 0,
            @Msg                 nvarchar(2048),
            @ErrMsg              nvarchar(2048),
            @ErrSeverity         int,
            @ErrState            int;

    IF @FromDate IS NULL OR @ToDate IS NULL OR @ToDate < @FromDate
    BEGIN
        RAISERROR('usp_BuildDeviceKpis: @FromDate and @ToDate are required and @FromDate must not be after @ToDate.', 16, 1);
        RETURN -1;
    END

    SET @Rows = DATEDIFF(DAY, @FromDate, @ToDate) + 1;
    IF @Rows > 366
    BEGIN
        RAISERROR('usp_BuildDeviceKpis: the range may not exceed one year (%d days requested).', 16, 1, @Rows);
        RETURN -1;
    END

    SET @MinSamples = ISNULL(@MinSamples, 10);

    INSERT INTO dbo.ProcRunLog (ProcName, StartedAt, Status, Parameters)
    VALUES ('dbo.usp_BuildDeviceKpis', @StartedAt, 'Running',
            'FromDate=' + CONVERT(varchar(10), @FromDate, 120)
            + ';ToDate=' + CONVERT(varchar(10), @ToDate, 120)
            + ';MinSamples=' + CAST(@MinSamples AS varchar(12)));
    SET @RunId = SCOPE_IDENTITY();

    IF OBJECT_ID('tempdb..#UsageWithConfig') IS NOT NULL DROP TABLE #UsageWithConfig;
    IF OBJECT_ID('tempdb..#BatchConfigKey') IS NOT NULL DROP TABLE #BatchConfigKey;

    CREATE TABLE #UsageWithConfig
    (
        DeviceId        int           NOT NULL,
        RecordedAt      datetime      NOT NULL,
        UsageDate       date          NOT NULL,
        WorkloadType    varchar(30)   NULL,
        CpuPct          decimal(5,2)  NULL,
        MemoryMb        int           NULL,
        BatteryDrainMw  float         NULL,
        NetworkKb       bigint        NULL,
        BatchId         int           NULL,
        ConfigKey       varchar(400)  NULL
    );

    CREATE TABLE #BatchConfigKey
    (
        DeviceId        int           NOT NULL,
        BatchId         int           NOT NULL,
        CollectedAt     datetime      NOT NULL,
        ConfigKey       varchar(400)  NOT NULL,
        PRIMARY KEY (DeviceId, BatchId)
    );

    BEGIN TRY
        /* ---------------------------------------------------------------
           Per device: configuration key of every snapshot batch, then the
           usage samples of the range tagged with the snapshot that was
           active when the sample was recorded.
           --------------------------------------------------------------- */
        DECLARE curDevice CURSOR LOCAL FAST_FORWARD FOR
            SELECT d.DeviceId
            FROM   dbo.Device d
            WHERE  d.IsActive = 1
            ORDER BY d.DeviceId;

        OPEN curDevice;
        FETCH NEXT FROM curDevice INTO @DeviceId;

        WHILE @@FETCH_STATUS = 0
        BEGIN
            SET @DevicesProcessed = @DevicesProcessed + 1;

            -- walk the snapshot batches of this device in BatchId order
            SELECT @BatchId = MIN(s.BatchId)
            FROM   dbo.DeviceConfigSnapshot s
            WHERE  s.DeviceId = @DeviceId;

            WHILE @BatchId IS NOT NULL
            BEGIN
                SET @ConfigKey = NULL;

                -- key = 'Name=Value' pairs sorted by setting name, ';' separated
                SELECT @ConfigKey = STUFF((SELECT ';' + s.SettingName + '=' + ISNULL(s.SettingValue, '?')
                                           FROM   dbo.DeviceConfigSnapshot s
                                           WHERE  s.DeviceId = @DeviceId
                                             AND  s.BatchId  = @BatchId
                                           ORDER BY s.SettingName
                                           FOR XML PATH('')), 1, 1, '');

                SELECT @BatchCollectedAt = MAX(s.CollectedAt)
                FROM   dbo.DeviceConfigSnapshot s
                WHERE  s.DeviceId = @DeviceId
                  AND  s.BatchId  = @BatchId;

                INSERT INTO #BatchConfigKey (DeviceId, BatchId, CollectedAt, ConfigKey)
                VALUES (@DeviceId, @BatchId, @BatchCollectedAt, ISNULL(@ConfigKey, 'UNKNOWN'));

                SELECT @BatchId = MIN(s.BatchId)
                FROM   dbo.DeviceConfigSnapshot s
                WHERE  s.DeviceId = @DeviceId
                  AND  s.BatchId  > @BatchId;
            END

            INSERT INTO #UsageWithConfig (DeviceId, RecordedAt, UsageDate, WorkloadType, CpuPct, MemoryMb, BatteryDrainMw, NetworkKb)
            SELECT u.DeviceId,
                   u.RecordedAt,
                   CONVERT(date, u.RecordedAt),
                   u.WorkloadType,
                   u.CpuPct,
                   u.MemoryMb,
                   u.BatteryDrainMw,
                   u.NetworkKb
            FROM   dbo.DeviceUsage u
            WHERE  u.DeviceId   = @DeviceId
              AND  u.RecordedAt >= @FromDate
              AND  u.RecordedAt <  DATEADD(DAY, 1, @ToDate);

            SET @Rows = @@ROWCOUNT;

            IF @Rows = 0
            BEGIN
                SET @DevicesWithoutUsage = @DevicesWithoutUsage + 1;
                IF @Debug = 1
                    PRINT 'Device ' + CAST(@DeviceId AS varchar(12)) + ': no usage between '
                          + CONVERT(varchar(10), @FromDate, 120) + ' and ' + CONVERT(varchar(10), @ToDate, 120);
            END
            ELSE
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM #BatchConfigKey b WHERE b.DeviceId = @DeviceId)
                BEGIN
                    -- never scanned: nothing to join to
                    UPDATE #UsageWithConfig
                    SET    ConfigKey = 'UNKNOWN'
                    WHERE  DeviceId = @DeviceId;
                END
                ELSE
                BEGIN
                    -- as-of join: the latest batch collected at or before the sample
                    -- (same CollectedAt: the higher BatchId wins)
                    UPDATE t
                    SET    t.BatchId = (SELECT TOP 1 b.BatchId
                                        FROM   #BatchConfigKey b
                                        WHERE  b.DeviceId    = t.DeviceId
                                          AND  b.CollectedAt <= t.RecordedAt
                                        ORDER BY b.CollectedAt DESC, b.BatchId DESC)
                    FROM   #UsageWithConfig t
                    WHERE  t.DeviceId = @DeviceId;

                    -- samples older than the first scan keep BatchId NULL -> 'UNKNOWN' (INC-4471)
                    UPDATE t
                    SET    t.ConfigKey = ISNULL(b.ConfigKey, 'UNKNOWN')
                    FROM   #UsageWithConfig t
                    LEFT JOIN #BatchConfigKey b
                           ON b.DeviceId = t.DeviceId
                          AND b.BatchId  = t.BatchId
                    WHERE  t.DeviceId = @DeviceId;
                END

                IF @Debug = 1
                BEGIN
                    SET @Msg = N'Device ' + CAST(@DeviceId AS nvarchar(12)) + N': ' + CAST(@Rows AS nvarchar(12)) + N' samples';
                    RAISERROR(@Msg, 0, 1) WITH NOWAIT;
                END
            END

            FETCH NEXT FROM curDevice INTO @DeviceId;
        END

        CLOSE curDevice;
        DEALLOCATE curDevice;

        IF @Debug = 1
            SELECT TOP (50) * FROM #UsageWithConfig ORDER BY DeviceId, RecordedAt;

        BEGIN TRANSACTION;

        /* ---------------------------------------------------------------
           1. Daily usage, one day at a time (the day is reloaded as a whole)
           --------------------------------------------------------------- */
        SET @Day     = DATEADD(DAY, DATEDIFF(DAY, 0, @FromDate), 0);
        SET @LastDay = DATEADD(DAY, DATEDIFF(DAY, 0, @ToDate), 0);

        WHILE @Day <= @LastDay
        BEGIN
            DELETE FROM kpi.DeviceDailyUsage
            WHERE  UsageDate = CONVERT(date, @Day);

            INSERT INTO kpi.DeviceDailyUsage
                   (DeviceId, UsageDate, Samples, AvgCpuPct, HighCpuSamplePct, MaxMemoryMb,
                    AvgBatteryDrainMw, TotalNetworkKb, AvgNetworkKbPerSample, ConfigChanges, AppCount, LoadedAt)
            SELECT u.DeviceId,
                   CONVERT(date, @Day),
                   COUNT(*),
                   ROUND(AVG(u.CpuPct), 2),
                   100 * SUM(CASE WHEN u.CpuPct >= 80 THEN 1 ELSE 0 END) / COUNT(*),
                   MAX(u.MemoryMb),
                   ROUND(AVG(u.BatteryDrainMw), 2),
                   SUM(ISNULL(u.NetworkKb, 0)),
                   SUM(ISNULL(u.NetworkKb, 0)) / COUNT(*),
                   COUNT(DISTINCT u.ConfigKey) - 1,
                   ISNULL((SELECT COUNT(*)
                           FROM   dbo.DeviceAppInventory i
                           WHERE  i.DeviceId = u.DeviceId
                             AND  i.BatchId  = (SELECT MAX(i2.BatchId)
                                                FROM   dbo.DeviceAppInventory i2
                                                WHERE  i2.DeviceId    = u.DeviceId
                                                  AND  i2.CollectedAt < DATEADD(DAY, 1, @Day))), 0),
                   SYSDATETIME()
            FROM   #UsageWithConfig u
            WHERE  u.UsageDate = CONVERT(date, @Day)
            GROUP BY u.DeviceId;

            SET @RowsDaily = @RowsDaily + @@ROWCOUNT;
            SET @Day = DATEADD(DAY, 1, @Day);
        END

        /* ---------------------------------------------------------------
           2. KPIs per configuration, day and workload (upsert)
           --------------------------------------------------------------- */
        SELECT u.ConfigKey,
               u.UsageDate                              AS KpiDate,
               ISNULL(u.WorkloadType, 'Unknown')        AS WorkloadType,
               COUNT(DISTINCT u.DeviceId)               AS DeviceCount,
               COUNT(*)                                 AS Samples,
               ROUND(AVG(u.CpuPct), 2)                  AS AvgCpuPct,
               COUNT(u.BatteryDrainMw)                  AS BatterySamples,
               SUM(u.BatteryDrainMw)                    AS TotalBatteryDrainMw,
               ROUND(AVG(u.BatteryDrainMw), 2)          AS AvgBatteryDrainMw,
               SUM(ISNULL(u.NetworkKb, 0)) / COUNT(*)   AS AvgNetworkKbPerSample
        INTO   #ConfigDay
        FROM   #UsageWithConfig u
        GROUP BY u.ConfigKey, u.UsageDate, ISNULL(u.WorkloadType, 'Unknown');

        MERGE kpi.ConfigurationKpi AS tgt
        USING #ConfigDay AS src
           ON  tgt.ConfigKey    = src.ConfigKey
          AND  tgt.KpiDate      = src.KpiDate
          AND  tgt.WorkloadType = src.WorkloadType
        WHEN MATCHED THEN
            UPDATE SET tgt.DeviceCount           = src.DeviceCount,
                       tgt.Samples               = src.Samples,
                       tgt.AvgCpuPct             = src.AvgCpuPct,
                       tgt.BatterySamples        = src.BatterySamples,
                       tgt.TotalBatteryDrainMw   = src.TotalBatteryDrainMw,
                       tgt.AvgBatteryDrainMw     = src.AvgBatteryDrainMw,
                       tgt.AvgNetworkKbPerSample = src.AvgNetworkKbPerSample,
                       tgt.UpdatedAt             = GETDATE()
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (ConfigKey, KpiDate, WorkloadType, DeviceCount, Samples, AvgCpuPct,
                    BatterySamples, TotalBatteryDrainMw, AvgBatteryDrainMw, AvgNetworkKbPerSample, CreatedAt)
            VALUES (src.ConfigKey, src.KpiDate, src.WorkloadType, src.DeviceCount, src.Samples, src.AvgCpuPct,
                    src.BatterySamples, src.TotalBatteryDrainMw, src.AvgBatteryDrainMw, src.AvgNetworkKbPerSample, GETDATE());

        SET @RowsKpi = @@ROWCOUNT;

        /* ---------------------------------------------------------------
           3. Best configuration per workload over the whole range
           --------------------------------------------------------------- */
        SELECT k.WorkloadType,
               k.ConfigKey,
               SUM(k.Samples)      AS Samples,
               SUM(k.DeviceCount)  AS DeviceDays,
               CAST(ROUND(SUM(k.TotalBatteryDrainMw) / NULLIF(SUM(k.BatterySamples), 0), 2) AS decimal(18,2)) AS AvgBatteryDrainMw,
               CAST(ROUND(SUM(k.AvgCpuPct * k.Samples) / NULLIF(SUM(k.Samples), 0), 2) AS decimal(18,2))     AS AvgCpuPct
        INTO   #Candidate
        FROM   kpi.ConfigurationKpi k
        WHERE  k.KpiDate >= @FromDate
          AND  k.KpiDate <= @ToDate
          AND  k.ConfigKey <> 'UNKNOWN'
        GROUP BY k.WorkloadType, k.ConfigKey
        HAVING SUM(k.Samples) >= @MinSamples;

        SELECT c.WorkloadType,
               c.ConfigKey,
               c.Samples,
               c.DeviceDays,
               c.AvgBatteryDrainMw,
               c.AvgCpuPct,
               COUNT(*) OVER (PARTITION BY c.WorkloadType) AS CandidateCount,
               ROW_NUMBER() OVER (PARTITION BY c.WorkloadType
                                  ORDER BY CASE WHEN c.AvgBatteryDrainMw IS NULL THEN 1 ELSE 0 END,
                                           c.AvgBatteryDrainMw,
                                           c.AvgCpuPct,
                                           c.ConfigKey) AS rn
        INTO   #Ranked
        FROM   #Candidate c;

        DELETE FROM kpi.BestConfigurationByWorkload
        WHERE  FromDate = @FromDate
          AND  ToDate   = @ToDate;

        INSERT INTO kpi.BestConfigurationByWorkload
               (FromDate, ToDate, WorkloadType, ConfigKey, Samples, DeviceDays, AvgBatteryDrainMw, AvgCpuPct, CandidateCount, ComputedAt)
        SELECT @FromDate, @ToDate, r.WorkloadType, r.ConfigKey, r.Samples, r.DeviceDays,
               r.AvgBatteryDrainMw, r.AvgCpuPct, r.CandidateCount, GETDATE()
        FROM   #Ranked r
        WHERE  r.rn = 1;

        SET @RowsBest = @@ROWCOUNT;

        COMMIT TRANSACTION;

        UPDATE dbo.ProcRunLog
        SET    FinishedAt   = GETDATE(),
               Status       = 'Succeeded',
               RowsAffected = @RowsDaily + @RowsKpi + @RowsBest,
               Message      = 'Devices=' + CAST(@DevicesProcessed AS varchar(12))
                              + ';WithoutUsage=' + CAST(@DevicesWithoutUsage AS varchar(12))
                              + ';Daily=' + CAST(@RowsDaily AS varchar(12))
                              + ';Kpi=' + CAST(@RowsKpi AS varchar(12))
                              + ';Best=' + CAST(@RowsBest AS varchar(12))
        WHERE  RunId = @RunId;

        IF @Debug = 1
            PRINT 'usp_BuildDeviceKpis done: ' + CAST(@RowsDaily AS varchar(12)) + ' daily rows, '
                  + CAST(@RowsKpi AS varchar(12)) + ' KPI rows, ' + CAST(@RowsBest AS varchar(12)) + ' best rows';

        SELECT b.WorkloadType,
               b.ConfigKey,
               b.Samples,
               b.DeviceDays,
               b.AvgBatteryDrainMw,
               b.AvgCpuPct,
               b.CandidateCount
        FROM   kpi.BestConfigurationByWorkload b
        WHERE  b.FromDate = @FromDate
          AND  b.ToDate   = @ToDate
        ORDER BY b.WorkloadType;
    END TRY
    BEGIN CATCH
        SELECT @ErrMsg      = ERROR_MESSAGE(),
               @ErrSeverity = ERROR_SEVERITY(),
               @ErrState    = ERROR_STATE();

        IF @@TRANCOUNT > 0
            ROLLBACK TRANSACTION;

        IF CURSOR_STATUS('local', 'curDevice') >= -1
        BEGIN
            IF CURSOR_STATUS('local', 'curDevice') >= 0
                CLOSE curDevice;
            DEALLOCATE curDevice;
        END

        UPDATE dbo.ProcRunLog
        SET    FinishedAt = GETDATE(),
               Status     = 'Failed',
               Message    = LEFT(@ErrMsg, 2048)
        WHERE  RunId = @RunId;

        RAISERROR(@ErrMsg, @ErrSeverity, @ErrState);
        RETURN -1;
    END CATCH

    RETURN 0;
END
GO
