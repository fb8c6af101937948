/*
    Telemetry / device KPI tables
    Used by: dbo.usp_BuildDeviceKpis, dbo.usp_RunNightlyKpis
    Deploy order: this script first, then the procedures.
    2019-03-04  R.Okafor    initial version
    2020-11-17  R.Okafor    added BatterySamples/TotalBatteryDrainMw to kpi.ConfigurationKpi (weighted averages)
    2022-06-09  M.Lindqvist added kpi.BestConfigurationByWorkload
*/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO

IF SCHEMA_ID(N'kpi') IS NULL
    EXEC (N'CREATE SCHEMA kpi AUTHORIZATION dbo');
GO

CREATE TABLE dbo.Device
(
    DeviceId        int            NOT NULL,
    DeviceName      nvarchar(100)  NOT NULL,
    Model           varchar(50)    NULL,
    IsActive        bit            NOT NULL CONSTRAINT DF_Device_IsActive DEFAULT (1),
    CreatedAt       datetime       NOT NULL CONSTRAINT DF_Device_CreatedAt DEFAULT (GETDATE()),
    CONSTRAINT PK_Device PRIMARY KEY CLUSTERED (DeviceId)
)
GO

-- one row per sample sent by the agent (roughly every 15 minutes while the device is on)
CREATE TABLE dbo.DeviceUsage
(
    UsageId         bigint IDENTITY(1,1) NOT NULL,
    DeviceId        int            NOT NULL,
    RecordedAt      datetime       NOT NULL,
    CpuPct          decimal(5,2)   NULL,      -- NULL when the agent could not read the counter
    MemoryMb        int            NULL,
    BatteryDrainMw  float          NULL,      -- NULL on mains-powered devices
    NetworkKb       bigint         NULL,
    WorkloadType    varchar(30)    NULL,      -- 'Office', 'Video', 'Gaming', 'Idle', ...
    CONSTRAINT PK_DeviceUsage PRIMARY KEY CLUSTERED (UsageId),
    CONSTRAINT FK_DeviceUsage_Device FOREIGN KEY (DeviceId) REFERENCES dbo.Device (DeviceId)
)
GO

CREATE NONCLUSTERED INDEX IX_DeviceUsage_Device_RecordedAt
    ON dbo.DeviceUsage (DeviceId, RecordedAt)
    INCLUDE (CpuPct, MemoryMb, BatteryDrainMw, NetworkKb, WorkloadType)
GO

-- installed applications, one batch per inventory run of the agent
CREATE TABLE dbo.DeviceAppInventory
(
    DeviceId        int            NOT NULL,
    BatchId         int            NOT NULL,
    CollectedAt     datetime       NOT NULL,
    AppName         nvarchar(200)  NOT NULL,
    AppVersion      varchar(50)    NULL,
    CONSTRAINT PK_DeviceAppInventory PRIMARY KEY CLUSTERED (DeviceId, BatchId, AppName)
)
GO

-- configuration settings, one batch per configuration scan of the agent
CREATE TABLE dbo.DeviceConfigSnapshot
(
    DeviceId        int            NOT NULL,
    BatchId         int            NOT NULL,
    CollectedAt     datetime       NOT NULL,
    SettingName     varchar(100)   NOT NULL,
    SettingValue    nvarchar(200)  NULL,
    CONSTRAINT PK_DeviceConfigSnapshot PRIMARY KEY CLUSTERED (DeviceId, BatchId, SettingName)
)
GO

CREATE TABLE kpi.DeviceDailyUsage
(
    DeviceId              int            NOT NULL,
    UsageDate             date           NOT NULL,
    Samples               int            NOT NULL,
    AvgCpuPct             decimal(18,4)  NULL,
    HighCpuSamplePct      int            NOT NULL,   -- integer percentage, truncated (not rounded)
    MaxMemoryMb           int            NULL,
    AvgBatteryDrainMw     decimal(18,4)  NULL,
    TotalNetworkKb        bigint         NOT NULL,
    AvgNetworkKbPerSample bigint         NOT NULL,   -- integer division, truncated
    ConfigChanges         int            NOT NULL,
    AppCount              int            NOT NULL CONSTRAINT DF_DeviceDailyUsage_AppCount DEFAULT (0),
    LoadedAt              datetime2(3)   NOT NULL CONSTRAINT DF_DeviceDailyUsage_LoadedAt DEFAULT (SYSDATETIME()),
    CONSTRAINT PK_DeviceDailyUsage PRIMARY KEY CLUSTERED (DeviceId, UsageDate)
)
GO

CREATE TABLE kpi.ConfigurationKpi
(
    ConfigKey             varchar(400)   NOT NULL,
    KpiDate               date           NOT NULL,
    WorkloadType          varchar(30)    NOT NULL,
    DeviceCount           int            NOT NULL,
    Samples               int            NOT NULL,
    AvgCpuPct             decimal(18,4)  NULL,
    BatterySamples        int            NOT NULL,
    TotalBatteryDrainMw   float          NULL,
    AvgBatteryDrainMw     decimal(18,4)  NULL,
    AvgNetworkKbPerSample bigint         NOT NULL,
    CreatedAt             datetime       NOT NULL CONSTRAINT DF_ConfigurationKpi_CreatedAt DEFAULT (GETDATE()),
    UpdatedAt             datetime       NULL,
    CONSTRAINT PK_ConfigurationKpi PRIMARY KEY CLUSTERED (ConfigKey, KpiDate, WorkloadType)
)
GO

CREATE TABLE kpi.BestConfigurationByWorkload
(
    FromDate              date           NOT NULL,
    ToDate                date           NOT NULL,
    WorkloadType          varchar(30)    NOT NULL,
    ConfigKey             varchar(400)   NOT NULL,
    Samples               int            NOT NULL,
    DeviceDays            int            NOT NULL,
    AvgBatteryDrainMw     decimal(18,2)  NULL,
    AvgCpuPct             decimal(18,2)  NULL,
    CandidateCount        int            NOT NULL,
    ComputedAt            datetime       NOT NULL CONSTRAINT DF_BestConfigurationByWorkload_ComputedAt DEFAULT (GETDATE()),
    CONSTRAINT PK_BestConfigurationByWorkload PRIMARY KEY CLUSTERED (FromDate, ToDate, WorkloadType)
)
GO
