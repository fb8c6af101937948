/*
    Housekeeping tables shared by all KPI procedures.
    2018-09-12  R.Okafor    initial version
    2021-02-01  T.Nguyen    RowsAffected widened to bigint
*/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO

CREATE TABLE dbo.ProcRunLog
(
    RunId           int IDENTITY(1,1) NOT NULL,
    ProcName        sysname        NOT NULL,
    StartedAt       datetime       NOT NULL CONSTRAINT DF_ProcRunLog_StartedAt DEFAULT (GETDATE()),
    FinishedAt      datetime       NULL,
    Status          varchar(20)    NOT NULL CONSTRAINT DF_ProcRunLog_Status DEFAULT ('Running'),
    Parameters      nvarchar(1000) NULL,
    RowsAffected    bigint         NULL,
    Message         nvarchar(2048) NULL,
    CONSTRAINT PK_ProcRunLog PRIMARY KEY CLUSTERED (RunId)
)
GO
