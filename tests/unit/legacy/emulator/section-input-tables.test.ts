import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';

// `sections record --from-data` slices the tables sectionInputTables names from the data. A
// section that EXECs a child procedure (a month-end fee run calling its fee calculator) is
// refused by emulateSection unless the scenario gives what the child reads, so those tables
// must be named too, or real data can never record the section.
const TABLES = `CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, ProductCode char(4) NOT NULL)
GO
CREATE TABLE dbo.FeeSchedule (ProductCode char(4) NOT NULL PRIMARY KEY, MonthlyFee money NOT NULL)
GO
CREATE TABLE dbo.FeeLedger (AccountId int NOT NULL, Amount money NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Fee @AccountId int, @Fee money OUTPUT
AS
SELECT @Fee = s.MonthlyFee FROM dbo.Account a JOIN dbo.FeeSchedule s ON s.ProductCode = a.ProductCode WHERE a.AccountId = @AccountId
GO
`;
const PARENT = `CREATE PROCEDURE dbo.usp_Run
AS
DECLARE @id int = 1, @fee money
EXEC dbo.usp_Fee @id, @fee OUTPUT
INSERT INTO dbo.FeeLedger (AccountId, Amount) VALUES (@id, @fee)
GO
`;

describe('sectionInputTables', () => {
  it('names the tables a procedure the section EXECs reads, once each, beside those it reads itself', () => {
    const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PARENT, { file: 'run.sql' })];
    const inputs = sectionInputTables(scripts, 'dbo.usp_Run', [{ start: 4, end: 5 }]);
    expect(inputs.map((i) => i.key).sort()).toEqual(['dbo.account', 'dbo.feeschedule']);
    // located at the callee's read, with the EXEC that needs it, so a missing CSV names both
    const fees = inputs.find((i) => i.key === 'dbo.feeschedule');
    expect(fees).toMatchObject({ written: 'dbo.FeeSchedule', at: { file: 'tables.sql', span: { start: { line: 9 } } }, through: { name: 'dbo.usp_Fee', at: { file: 'run.sql', span: { start: { line: 4 } } } } });
  });

  it('leaves out what the section writes itself', () => {
    const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PARENT, { file: 'run.sql' })];
    expect(sectionInputTables(scripts, 'dbo.usp_Run', [{ start: 5, end: 5 }]).map((i) => i.key)).toEqual([]);
  });
});
