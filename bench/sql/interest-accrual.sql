/*
    Interest accrual (benchmark of EXEC-heavy legacy code, bench/emulator-bench.ts).
    dbo.usp_AccrueInterestPeriod walks the days of a period and EXECs dbo.usp_AccrueDay once a
    day, the way the bank's nightly job was written in 2009 and never rewritten.

    2009-03-02  M.Lindqvist  created
    2011-10-17  M.Lindqvist  overdrawn accounts accrue at the product's penalty rate
    2014-01-09  P.Adeyemi    run log per day; the outer procedure stops at the first failed day
*/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO

CREATE TABLE dbo.Account
(
    AccountId       int            NOT NULL,
    AccountNo       varchar(20)    NOT NULL,
    ProductCode     char(4)        NOT NULL,
    OpeningBalance  decimal(19,4)  NOT NULL,
    OpenedOn        date           NOT NULL,
    ClosedOn        date           NULL,
    CONSTRAINT PK_Account PRIMARY KEY CLUSTERED (AccountId)
)
GO

CREATE TABLE dbo.InterestRate
(
    ProductCode     char(4)        NOT NULL,
    EffectiveFrom   date           NOT NULL,
    AnnualRatePct   decimal(9,4)   NOT NULL,
    PenaltyRatePct  decimal(9,4)   NOT NULL,
    CONSTRAINT PK_InterestRate PRIMARY KEY CLUSTERED (ProductCode, EffectiveFrom)
)
GO

CREATE TABLE dbo.AccountTransaction
(
    TxnId           int            NOT NULL,
    AccountId       int            NOT NULL,
    TxnDate         date           NOT NULL,
    Amount          decimal(19,4)  NOT NULL,
    CONSTRAINT PK_AccountTransaction PRIMARY KEY CLUSTERED (TxnId)
)
GO

CREATE TABLE dbo.InterestAccrual
(
    AccountId       int            NOT NULL,
    AccrualDate     date           NOT NULL,
    Balance         decimal(19,4)  NOT NULL,
    RatePct         decimal(9,4)   NOT NULL,
    DailyInterest   decimal(19,6)  NOT NULL,
    CONSTRAINT PK_InterestAccrual PRIMARY KEY CLUSTERED (AccountId, AccrualDate)
)
GO

CREATE TABLE dbo.AccrualRunLog
(
    RunDay          date           NOT NULL,
    AccountsAccrued int            NOT NULL,
    Overdrawn       int            NOT NULL,
    TotalInterest   decimal(19,6)  NOT NULL,
    CONSTRAINT PK_AccrualRunLog PRIMARY KEY CLUSTERED (RunDay)
)
GO

CREATE PROCEDURE dbo.usp_AccrueDay
    @Day              date,
    @AccountsAccrued  int OUTPUT
AS
BEGIN
    SET NOCOUNT ON

    DECLARE @AccountId int,
            @Penalty   decimal(9,4),
            @Overdrawn int,
            @Total     decimal(19,6)

    SET @AccountsAccrued = 0
    SET @Overdrawn = 0

    IF @Day IS NULL
        RETURN -1

    -- a day is accrued once: a rerun of the job must not double the interest
    IF EXISTS (SELECT 1 FROM dbo.AccrualRunLog WHERE RunDay = @Day)
        RETURN 0

    CREATE TABLE #DayBalance
    (
        AccountId     int            NOT NULL PRIMARY KEY,
        ProductCode   char(4)        NOT NULL,
        Balance       decimal(19,4)  NOT NULL,
        RatePct       decimal(9,4)   NULL
    )

    INSERT INTO #DayBalance (AccountId, ProductCode, Balance)
    SELECT a.AccountId, a.ProductCode,
           a.OpeningBalance + ISNULL((SELECT SUM(t.Amount)
                                      FROM   dbo.AccountTransaction t
                                      WHERE  t.AccountId = a.AccountId
                                        AND  t.TxnDate <= @Day), 0)
    FROM   dbo.Account a
    WHERE  a.OpenedOn <= @Day
      AND  (a.ClosedOn IS NULL OR a.ClosedOn > @Day)

    -- the rate in force that day: the latest change on or before it
    UPDATE d
    SET    RatePct = r.AnnualRatePct
    FROM   #DayBalance d
    JOIN   dbo.InterestRate r
      ON   r.ProductCode = d.ProductCode
     AND   r.EffectiveFrom = (SELECT MAX(r2.EffectiveFrom)
                              FROM   dbo.InterestRate r2
                              WHERE  r2.ProductCode = d.ProductCode
                                AND  r2.EffectiveFrom <= @Day)

    -- overdrawn accounts, one by one (the penalty rule was added in a hurry in 2011)
    DECLARE curOverdrawn CURSOR LOCAL FAST_FORWARD FOR
        SELECT d.AccountId
        FROM   #DayBalance d
        WHERE  d.Balance < 0
        ORDER BY d.AccountId

    OPEN curOverdrawn
    FETCH NEXT FROM curOverdrawn INTO @AccountId
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT TOP (1) @Penalty = r.PenaltyRatePct
        FROM   dbo.InterestRate r
        JOIN   #DayBalance d ON d.ProductCode = r.ProductCode
        WHERE  d.AccountId = @AccountId
          AND  r.EffectiveFrom <= @Day
        ORDER BY r.EffectiveFrom DESC

        UPDATE #DayBalance SET RatePct = @Penalty WHERE AccountId = @AccountId
        SET @Overdrawn = @Overdrawn + 1

        FETCH NEXT FROM curOverdrawn INTO @AccountId
    END
    CLOSE curOverdrawn
    DEALLOCATE curOverdrawn

    INSERT INTO dbo.InterestAccrual (AccountId, AccrualDate, Balance, RatePct, DailyInterest)
    SELECT d.AccountId, @Day, d.Balance, d.RatePct,
           ROUND(d.Balance * d.RatePct / 100 / 365, 6)
    FROM   #DayBalance d
    WHERE  d.RatePct IS NOT NULL
      AND  d.Balance <> 0

    SET @AccountsAccrued = @@ROWCOUNT
    IF @@ERROR <> 0
        RETURN 2

    SELECT @Total = ISNULL(SUM(DailyInterest), 0)
    FROM   dbo.InterestAccrual
    WHERE  AccrualDate = @Day

    INSERT INTO dbo.AccrualRunLog (RunDay, AccountsAccrued, Overdrawn, TotalInterest)
    VALUES (@Day, @AccountsAccrued, @Overdrawn, @Total)

    RETURN 0
END
GO

CREATE PROCEDURE dbo.usp_AccrueInterestPeriod
    @FromDate date,
    @ToDate   date
AS
BEGIN
    SET NOCOUNT ON

    DECLARE @d        date,
            @rc       int,
            @accrued  int,
            @days     int

    IF @FromDate IS NULL OR @ToDate IS NULL OR @ToDate < @FromDate
    BEGIN
        RAISERROR('usp_AccrueInterestPeriod: invalid period', 16, 1)
        RETURN -1
    END

    SET @d = @FromDate
    SET @days = 0
    WHILE @d <= @ToDate
    BEGIN
        SET @accrued = NULL
        EXEC @rc = dbo.usp_AccrueDay @Day = @d, @AccountsAccrued = @accrued OUTPUT
        IF @rc <> 0
        BEGIN
            RAISERROR('usp_AccrueInterestPeriod: day %d failed with %d', 16, 1, @days, @rc)
            RETURN @rc
        END
        SET @days = @days + 1
        SET @d = DATEADD(day, 1, @d)
    END

    PRINT 'accrued ' + CAST(@days AS varchar(10)) + ' days'
    RETURN 0
END
GO
