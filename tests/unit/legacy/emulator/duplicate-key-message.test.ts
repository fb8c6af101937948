import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

/*
 * ERROR_MESSAGE() after a duplicate key (2627, 2601) in a CATCH: SQL Server's text where every
 * part is certain ("Violation of PRIMARY KEY constraint 'PK_WardStay'. Cannot insert duplicate key
 * in object 'dbo.Ward Stay'. The duplicate key value is (7, 2)."), a located refusal elsewhere.
 */

const TABLES = `CREATE TABLE [dbo].[Ward Stay] ([Admission Id] INT NOT NULL, [Seq] INT NOT NULL, [Ward Id] INT NOT NULL,
  CONSTRAINT PK_WardStay PRIMARY KEY ([Admission Id], [Seq]))
GO
CREATE TABLE dbo.Bed ([Bed Id] INT NOT NULL, [Ward Code] VARCHAR(10) NOT NULL, CONSTRAINT UQ_Bed_Code UNIQUE ([Bed Id]))
GO
CREATE TABLE dbo.Ward ([Ward Id] INT NOT NULL PRIMARY KEY, [Ward Name] VARCHAR(40) NOT NULL)
GO
CREATE TABLE dbo.Cot ([Cot No] SMALLINT NOT NULL, [Ward Id] INT NOT NULL)
GO
CREATE UNIQUE NONCLUSTERED INDEX [IX_Cot No] ON dbo.Cot ([Cot No])
GO
CREATE TABLE dbo.[Census Error] ([Error Number] INT NULL, [Error Message] NVARCHAR(4000) NULL)
GO`;

/** The body with one INSERT tried and its error logged as the legacy CATCH blocks do. */
const logged = (insert: string): string => `
    BEGIN TRY
        ${insert}
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.[Census Error] ([Error Number], [Error Message]) VALUES (ERROR_NUMBER(), ERROR_MESSAGE())
    END CATCH
    SELECT [Error Number], [Error Message] FROM dbo.[Census Error]`;

describe('the duplicate-key message ERROR_MESSAGE() reads', () => {
  it('names a named PRIMARY KEY, the table as SQL Server prints it and the key values of a one-row INSERT', async () => {
    const r = await runBody(`INSERT INTO dbo.[Ward Stay] ([Admission Id], Seq, [Ward Id]) VALUES (7, 2, 30)
${logged('INSERT INTO dbo.[Ward Stay] ([Admission Id], Seq, [Ward Id]) VALUES (7, 2, 31)')}`, { tables: TABLES });
    expect(resultRows(r, 0)).toEqual([{ 'Error Number': 2627, 'Error Message': "Violation of PRIMARY KEY constraint 'PK_WardStay'. Cannot insert duplicate key in object 'dbo.Ward Stay'. The duplicate key value is (7, 2)." }]);
  });

  it('names a UNIQUE constraint as a UNIQUE KEY and a unique index with 2601', async () => {
    const bed = await runBody(`INSERT INTO dbo.Bed VALUES (-4, 'A1')\n${logged("INSERT INTO dbo.Bed VALUES (-4, 'B2')")}`, { tables: TABLES });
    expect(resultRows(bed, 0)).toEqual([{ 'Error Number': 2627, 'Error Message': "Violation of UNIQUE KEY constraint 'UQ_Bed_Code'. Cannot insert duplicate key in object 'dbo.Bed'. The duplicate key value is (-4)." }]);
    const cot = await runBody(`INSERT INTO dbo.Cot VALUES (12, 3)\n${logged('INSERT INTO dbo.Cot VALUES (12, 4)')}`, { tables: TABLES });
    expect(resultRows(cot, 0)).toEqual([{ 'Error Number': 2601, 'Error Message': "Cannot insert duplicate key row in object 'dbo.Cot' with unique index 'IX_Cot No'. The duplicate key value is (12)." }]);
  });

  it.each([
    ['a key the script leaves unnamed (SQL Server makes up PK__Ward__…)', `INSERT INTO dbo.Ward VALUES (3, 'Elm')\n${logged("INSERT INTO dbo.Ward VALUES (3, 'Oak')")}`, /constraint SQL Server generates/],
    ['an INSERT … SELECT of several rows (which repeat SQL Server names first depends on its plan)',
      `INSERT INTO dbo.[Ward Stay] VALUES (7, 1, 30), (7, 2, 30)\n${logged('INSERT INTO dbo.[Ward Stay] ([Admission Id], Seq, [Ward Id]) SELECT [Admission Id], Seq, 31 FROM dbo.[Ward Stay]')}`, /first row its plan meets/],
  ])('refuses ERROR_MESSAGE() with its location for %s', async (_case, body, why) => {
    const err = await runBody(body, { tables: TABLES }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/usp_test\.sql:\d+:\d+/);
    expect((err as LegacyError).format()).toMatch(why);
  });
});
