/*
 * A late-shipment check whose proposal interleaves two sections: the late-shipment section takes
 * the cut-off (`SET @Cutoff`, line 9) and the INSERT (lines 15-18), the ship-window section the
 * statements between them, among which `SET @AsOf = DATEADD(DAY, -@GraceDays, @AsOf)` (line 12)
 * and `SET @RunStatus = …` (line 13). `cutoffFrom` is what the cut-off is computed from:
 * `@PeriodEnd`, or `@AsOf`, which the section then reads on both sides of line 12.
 */
export const LATE_SHIPMENT_TABLES = `CREATE TABLE [dbo].[Shipment Line] ([Shipment Id] int NOT NULL, [Ship Date] date NOT NULL, [Promised Date] date NOT NULL);
GO
CREATE TABLE [dbo].[Ship Window] ([Window Start] date NOT NULL, [Window End] date NOT NULL, [Run Status] varchar(20) NOT NULL);
GO
CREATE TABLE [dbo].[Late Shipment] ([Shipment Id] int NOT NULL, [Days Late] int NOT NULL, [Run Status] varchar(20) NOT NULL);
GO
`;

export function lateShipmentProcedure(cutoffFrom: '@PeriodEnd' | '@AsOf'): string {
  return `CREATE PROCEDURE [dbo].[usp Flag Late Shipments]
  @AsOf date,
  @PeriodEnd date,
  @GraceDays int = 2
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Cutoff date, @RunStatus varchar(20);
  SET @Cutoff = DATEADD(DAY, -7, ${cutoffFrom});
  DELETE FROM [dbo].[Ship Window];
  INSERT INTO [dbo].[Ship Window] ([Window Start], [Window End], [Run Status]) VALUES (@AsOf, @AsOf, 'OPEN');
  SET @AsOf = DATEADD(DAY, -@GraceDays, @AsOf);
  SET @RunStatus = 'GRACE ' + CAST(@GraceDays AS varchar(10));
  UPDATE [dbo].[Ship Window] SET [Window Start] = @AsOf, [Run Status] = @RunStatus;
  INSERT INTO [dbo].[Late Shipment] ([Shipment Id], [Days Late], [Run Status])
  SELECT [Shipment Id], DATEDIFF(DAY, [Promised Date], [Ship Date]), @RunStatus
  FROM [dbo].[Shipment Line]
  WHERE [Promised Date] >= @Cutoff AND [Ship Date] > [Promised Date] AND [Ship Date] <= @AsOf;
END
GO
`;
}
