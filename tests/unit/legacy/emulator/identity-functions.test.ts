import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// SCOPE_IDENTITY() is the last identity value of the current scope, @@IDENTITY the last of the
// session in any scope, IDENT_CURRENT('t') the last generated for table t:
// learn.microsoft.com/sql/t-sql/functions/scope-identity-transact-sql, …/identity-transact-sql,
// …/ident-current-transact-sql (NULL for a name that is no table).
const TABLES = `
CREATE TABLE dbo.Orders (OrderId int IDENTITY(1,1) PRIMARY KEY, Amount int NOT NULL)
GO
CREATE TABLE dbo.[Order Log] (LogId int IDENTITY(500,10) PRIMARY KEY, Note varchar(20))
GO
CREATE TABLE dbo.Plain (Id int NOT NULL)
GO
`;
const LOGGER = `CREATE PROCEDURE dbo.usp_log @note varchar(20) AS
BEGIN
  INSERT INTO dbo.[Order Log] (Note) VALUES (@note);
  INSERT INTO dbo.[Order Log] (Note) VALUES (@note + '!');
END
GO
`;

describe('identity functions', () => {
  it('keeps SCOPE_IDENTITY() to the scope and gives @@IDENTITY the callee\'s last value', async () => {
    const r = await runBody(`INSERT INTO dbo.Orders (Amount) VALUES (5), (6);
      EXEC dbo.usp_log 'added';
      SELECT SCOPE_IDENTITY() AS scope, @@IDENTITY AS session;`, { tables: TABLES, extraProcs: LOGGER });
    expect(resultRows(r)).toEqual([{ scope: 2, session: 510 }]);
  });

  it('gives IDENT_CURRENT the last value of the table it names, NULL for no table or no identity', async () => {
    const r = await runBody(`INSERT INTO dbo.Orders (Amount) VALUES (5);
      EXEC dbo.usp_log 'added';
      INSERT INTO dbo.Orders (Amount) VALUES (7);
      SELECT IDENT_CURRENT('dbo.Orders') AS orders, IDENT_CURRENT('[dbo].[Order Log]') AS log,
             IDENT_CURRENT('Orders') AS bare, IDENT_CURRENT('dbo.NoSuch') AS none, IDENT_CURRENT('dbo.Plain') AS plain;`, { tables: TABLES, extraProcs: LOGGER });
    expect(resultRows(r)).toEqual([{ orders: 2, log: 510, bare: 2, none: null, plain: null }]);
  });

  it('refuses IDENT_CURRENT of a table the run has not inserted into yet', async () => {
    const err = await runBody("SELECT IDENT_CURRENT('dbo.Orders') AS v;", { tables: TABLES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/IDENT_CURRENT\('dbo\.Orders'\) before the run inserts into that table/);
  });
});
