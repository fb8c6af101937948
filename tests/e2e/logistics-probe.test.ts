import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A fleet company's shipment tracking in an SSDT project: handheld JSON payloads shredded with
// OPENJSON … WITH, TRY_CAST/TRY_CONVERT (a declared value typed as '1,250.00' or '$12.35', which
// SQL Server reads as money), datetimeoffset event times exported by SSMS at +00:00, and a release
// upgrade script that ALTERs the delivery KPI procedure to read the local time of Amsterdam
// (AT TIME ZONE 'W. Europe Standard Time', summer time from 2026-03-29 01:00 UTC).
const PROJECT = `<?xml version="1.0" encoding="utf-8"?>
<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003" ToolsVersion="4.0">
  <ItemGroup>
    <Build Include="dbo\\Tables\\Shipment Events.sql" />
    <Build Include="dbo\\Stored Procedures\\usp_Load Event Payloads.sql" />
    <Build Include="dbo\\Stored Procedures\\usp_Delivery Day.sql" />
  </ItemGroup>
  <ItemGroup>
    <None Include="dbo\\Stored Procedures\\usp_Delivery Day_OLD.sql" />
  </ItemGroup>
</Project>
`;
const TABLES = `CREATE TABLE [dbo].[Shipment Events] ([Event ID] bigint NOT NULL PRIMARY KEY, [Shipment ID] int NOT NULL,
  [Event Type] varchar(20) NOT NULL, [Event Time] datetimeoffset(7) NOT NULL, [Payload] nvarchar(max) NULL)
GO
CREATE TABLE [dbo].[Event Detail] ([Event ID] bigint NOT NULL PRIMARY KEY, [Temperature C] decimal(5,1) NULL,
  [Odometer Km] int NULL, [Declared Value] money NULL, [Payload Ok] bit NOT NULL)
GO
CREATE TABLE [dbo].[Delivery Day] ([Shipment ID] int NOT NULL PRIMARY KEY, [Local Day] date NULL)
GO
`;
const LOADER = `CREATE PROCEDURE [dbo].[usp_Load Event Payloads]
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM [dbo].[Event Detail];
    INSERT INTO [dbo].[Event Detail] ([Event ID], [Temperature C], [Odometer Km], [Declared Value], [Payload Ok])
    SELECT e.[Event ID], TRY_CAST(j.temp AS decimal(5,1)), TRY_CONVERT(int, j.odo), TRY_CONVERT(money, j.declared), 1
    FROM [dbo].[Shipment Events] e
    CROSS APPLY OPENJSON(e.Payload) WITH (temp varchar(20) '$.temp', odo varchar(20) '$.odometer', declared varchar(30) '$.declaredValue') AS j
    WHERE ISJSON(e.Payload) = 1;
    insert into [dbo].[Event Detail] ([Event ID], [Payload Ok])
    select e.[Event ID], 0 from [dbo].[Shipment Events] e where ISNULL(ISJSON(e.Payload), 0) = 0;
END
GO
`;
const DELIVERY = (body: string): string => `CREATE PROCEDURE [dbo].[usp_Delivery Day]
AS
BEGIN
    DELETE FROM [dbo].[Delivery Day];
    INSERT [dbo].[Delivery Day] ([Shipment ID], [Local Day])
    SELECT e.[Shipment ID], ${body}
    FROM [dbo].[Shipment Events] e WHERE e.[Event Type] = 'DELIVERED';
END
GO
`;
const UPGRADE = `-- Release 2.3: the business day is Amsterdam's
${DELIVERY("CAST(e.[Event Time] AT TIME ZONE 'W. Europe Standard Time' AS date)").replace('CREATE PROCEDURE', 'ALTER PROCEDURE')}`;
const EVENTS = `Event ID,Shipment ID,Event Type,Event Time,Payload
1001,1,PICKUP,2026-03-28 23:45:00.0000000 +00:00,"{""temp"": ""4.25"", ""odometer"": ""120345"", ""declaredValue"": ""1,250.00""}"
1002,1,DELIVERED,2026-03-30 10:00:00.0000000 +00:00,"{""temp"": -0.05, ""odometer"": 99999999999, ""declaredValue"": ""$12.35""}"
1003,2,DELIVERED,2026-03-29 23:30:00.0000000 +00:00,"{""temp"": ""n/a"", ""declaredValue"": ""EUR 300""}"
1004,2,SCAN,2026-03-29 08:00:00.0000000 +00:00,not json {
1005,3,SCAN,2026-03-29 09:00:00.0000000 +00:00,[]
`;

describe('a logistics SSDT project through analyze and capture', () => {
  let ws: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'logistics-probe-'));
    const project = join(ws, 'procedures', 'FleetDb');
    mkdirSync(join(project, 'dbo', 'Tables'), { recursive: true });
    mkdirSync(join(project, 'dbo', 'Stored Procedures'), { recursive: true });
    mkdirSync(join(ws, 'procedures', 'upgrades'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(project, 'FleetDb.sqlproj'), PROJECT);
    writeFileSync(join(project, 'dbo', 'Tables', 'Shipment Events.sql'), TABLES);
    writeFileSync(join(project, 'dbo', 'Stored Procedures', 'usp_Load Event Payloads.sql'), LOADER);
    writeFileSync(join(project, 'dbo', 'Stored Procedures', 'usp_Delivery Day.sql'), DELIVERY('CAST(e.[Event Time] AS date)'));
    writeFileSync(join(project, 'dbo', 'Stored Procedures', 'usp_Delivery Day_OLD.sql'), DELIVERY('NULL'));
    writeFileSync(join(ws, 'procedures', 'upgrades', 'Release 2.3.sql'), UPGRADE);
    writeFileSync(join(ws, 'data', 'dbo.Shipment Events.csv'), EVENTS);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  const capture = (procedure: string, data = join(ws, 'data')) => runMigrate(['capture', procedure, '--data', data, '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out', procedure), '--clock', '2026-04-01T02:00:00Z']);

  it('analyzes the deployed files only, the upgrade\'s ALTER in effect', async () => {
    const r = await runMigrate(['analyze', join(ws, 'procedures'), '--out', join(ws, 'dataflow')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/usp_Delivery Day_OLD\.sql/);
    expect(r.out).toMatch(/DUPLICATE_DEFINITION: dbo\.usp_Delivery Day is defined 2 times .*the main report shows the ALTER at .*Release 2\.3\.sql:2/);
  });

  it('captures the shredded payloads as SQL Server computes them', async () => {
    const r = await capture('dbo.usp_Load Event Payloads');
    expect(r.code).toBe(0);
    // 4.25 -> 4.3 and -0.05 -> -0.1 (rounded half away from zero), 99999999999 -> NULL (past int),
    // '1,250.00' and '$12.35' read as money, 'EUR 300' NULL, '[]' no row, broken JSON Payload Ok 0
    expect(readFileSync(join(ws, 'out', 'dbo.usp_Load Event Payloads', 'dbo.Event Detail.csv'), 'utf8')).toBe([
      'Event ID,Temperature C,Odometer Km,Declared Value,Payload Ok',
      '1001,4.3,120345,1250.0000,1',
      '1002,-0.1,,12.3500,1',
      '1003,,,,1',
      '1004,,,,0',
      '',
    ].join('\n'));
  });

  it('captures the upgrade\'s local day in Amsterdam, summer time included', async () => {
    const r = await capture('dbo.usp_Delivery Day');
    expect(r.code).toBe(0);
    // 2026-03-30 10:00 UTC is 12:00 at +02:00; 2026-03-29 23:30 UTC is 01:30 on the 30th (the UTC day is the 29th)
    expect(readFileSync(join(ws, 'out', 'dbo.usp_Delivery Day', 'dbo.Delivery Day.csv'), 'utf8')).toBe('Shipment ID,Local Day\n1,2026-03-30\n2,2026-03-30\n');
  });

  it('refuses event times exported at another offset than +00:00, naming the row and column', async () => {
    const other = join(ws, 'data-offsets');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'dbo.Shipment Events.csv'), EVENTS.replace('2026-03-30 10:00:00.0000000 +00:00', '2026-03-30 12:00:00.0000000 +02:00'));
    const r = await capture('dbo.usp_Load Event Payloads', other);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/row 2 \(line 3\), column Event Time: .*datetimeoffset values at an offset other than \+00:00/);
  });
});
