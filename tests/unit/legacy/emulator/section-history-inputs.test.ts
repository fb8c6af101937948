import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';

// A section pricing shipments at the tariff valid when they were booked reads
// `dbo.[Depot Tariff] FOR SYSTEM_TIME AS OF @PricingTime`: SQL Server takes the rows valid then
// from the table and from its history table. `sections record --from-data` slices the tables
// sectionInputTables names; without the history table, a scenario for a date before the last
// tariff change recorded no charge at all, where the legacy run over the same data prices it.
const TABLES = `CREATE TABLE dbo.[Depot Tariff History] ([Depot Code] char(5) NOT NULL, [Rate Per Km] decimal(9,4) NOT NULL,
  [Valid From] datetime2 NOT NULL, [Valid To] datetime2 NOT NULL)
GO
CREATE TABLE dbo.[Depot Tariff] ([Depot Code] char(5) NOT NULL PRIMARY KEY, [Rate Per Km] decimal(9,4) NOT NULL,
  [Valid From] datetime2 GENERATED ALWAYS AS ROW START NOT NULL, [Valid To] datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME ([Valid From], [Valid To]))
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.[Depot Tariff History]))
GO
CREATE TABLE dbo.Shipment ([Shipment ID] int NOT NULL PRIMARY KEY, [Origin Depot] char(5) NOT NULL, Km decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.Charge ([Shipment ID] int NOT NULL PRIMARY KEY, Amount decimal(19,4) NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Price @PricingTime datetime2
AS
INSERT INTO dbo.Charge ([Shipment ID], Amount)
SELECT s.[Shipment ID], s.Km * t.[Rate Per Km] FROM dbo.Shipment s
JOIN dbo.[Depot Tariff] FOR SYSTEM_TIME AS OF @PricingTime t ON t.[Depot Code] = s.[Origin Depot]
UPDATE dbo.Charge SET Amount = Amount FROM dbo.[Depot Tariff] t WHERE 1 = 0
GO
`;

describe('sectionInputTables of a section reading a system-versioned table', () => {
  const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'price.sql' })];

  it('names the history table of a table read FOR SYSTEM_TIME, as written in the DDL, located at the read', () => {
    const inputs = sectionInputTables(scripts, 'dbo.usp_Price', [{ start: 3, end: 5 }]);
    expect(inputs.map((i) => i.key).sort()).toEqual(['dbo.depot tariff', 'dbo.depot tariff history', 'dbo.shipment']);
    const history = inputs.find((i) => i.key === 'dbo.depot tariff history');
    expect(history?.parts).toEqual(['dbo', 'Depot Tariff History']);
    expect(history?.at?.span?.start.line).toBe(5);
  });

  it('leaves it out where the table is read without FOR SYSTEM_TIME (its current rows only)', () => {
    expect(sectionInputTables(scripts, 'dbo.usp_Price', [{ start: 6, end: 6 }]).map((i) => i.key)).toEqual(['dbo.depot tariff']);
  });
});

// A section applying rate changes to a system-versioned table: SQL Server appends each changed
// row's old version to its history table, so the history's rows before the section are part of
// what it leaves. Sliced from real data without them, a scenario's Then showed a history holding
// only the versions the section wrote, and a transform dropping the older ones passed it.
const VERSIONED = `CREATE TABLE dbo.[Cover Rate Log] ([Cover Code] varchar(8) NOT NULL, [Annual Rate] decimal(9,4) NOT NULL,
  SysStart datetime2 NOT NULL, SysEnd datetime2 NOT NULL)
GO
CREATE TABLE dbo.[Cover Rate] ([Cover Code] varchar(8) NOT NULL PRIMARY KEY, [Annual Rate] decimal(9,4) NOT NULL,
  SysStart datetime2 GENERATED ALWAYS AS ROW START NOT NULL, SysEnd datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (SysStart, SysEnd))
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.[Cover Rate Log]))
GO
CREATE TABLE dbo.[Rate Change] ([Cover Code] varchar(8) NOT NULL, Delta decimal(9,4) NOT NULL)
GO
`;
const APPLY = `CREATE PROCEDURE dbo.usp_ApplyRateChanges
AS
UPDATE r SET r.[Annual Rate] = r.[Annual Rate] + c.Delta
  FROM dbo.[Cover Rate] r JOIN dbo.[Rate Change] c ON c.[Cover Code] = r.[Cover Code]
DELETE FROM dbo.[Rate Change]
INSERT INTO dbo.[Cover Rate] ([Cover Code], [Annual Rate]) VALUES ('NEWBIE', 0.0100)
GO
`;

describe('sectionInputTables of a section changing a system-versioned table', () => {
  const scripts = [parseScript(VERSIONED, { file: 'tables.sql' }), parseScript(APPLY, { file: 'apply.sql' })];

  it('names the history table of a table it UPDATEs, as written in the DDL, as a table it only changes', () => {
    const inputs = sectionInputTables(scripts, 'dbo.usp_ApplyRateChanges', [{ start: 3, end: 4 }], { changed: true });
    expect(inputs.map((i) => i.key).sort()).toEqual(['dbo.cover rate', 'dbo.cover rate log', 'dbo.rate change']);
    const history = inputs.find((i) => i.key === 'dbo.cover rate log');
    expect(history?.parts).toEqual(['dbo', 'Cover Rate Log']);
    expect(history?.changedOnly).toBe(true);
  });

  it('leaves it out for an INSERT, which writes no history, and without `changed`', () => {
    expect(sectionInputTables(scripts, 'dbo.usp_ApplyRateChanges', [{ start: 6, end: 6 }], { changed: true }).map((i) => i.key)).toEqual([]);
    expect(sectionInputTables(scripts, 'dbo.usp_ApplyRateChanges', [{ start: 3, end: 4 }]).map((i) => i.key).sort()).toEqual(['dbo.rate change']);
  });
});
