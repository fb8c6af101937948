import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, loadWorkspaceConfig } from '../../../src/sections';
import { inTempDir } from '../../support/temp-dir';

// A #temp filled by SELECT … INTO from another #temp an earlier SELECT … INTO made: its copied
// columns have the first #temp's types (int, decimal), not `text?`. Before, the catalog did not
// hold the first #temp yet while the second was typed, so every column copied from it was a guess.

const TABLES = `CREATE TABLE Treasury.[Bank Line] ([Bank Line Id] int NOT NULL, [Bank Ref] varchar(30) NULL, [Amount] decimal(18,2) NOT NULL)
GO
CREATE TABLE Treasury.[Cash Book] ([Entry No] int NOT NULL, [Amount] decimal(18,2) NOT NULL, [Posted] date NOT NULL)
GO
`;

const PROCEDURE = `CREATE PROCEDURE Treasury.[usp_Pair Lines]
AS
BEGIN
    SET NOCOUNT ON
    SELECT bl.[Bank Line Id], bl.Amount, UPPER(bl.[Bank Ref]) AS [Ref]
      INTO #open
      FROM Treasury.[Bank Line] bl
     WHERE bl.[Bank Ref] LIKE 'BACS%'

    SELECT TOP (1) WITH TIES o.[Bank Line Id], o.Amount, o.[Ref], cb.[Entry No]
      INTO #paired
      FROM #open o
      JOIN Treasury.[Cash Book] cb ON cb.Amount = o.Amount
     ORDER BY ROW_NUMBER() OVER (PARTITION BY o.[Bank Line Id] ORDER BY cb.Posted, cb.[Entry No])

    SELECT p.[Bank Line Id], p.[Entry No] INTO #again FROM #paired p
END
GO
`;

describe('the columns of a SELECT … INTO #temp copied from an earlier SELECT … INTO #temp', () => {
  it('types them as the first #temp holds them, through a chain of two', async () => {
    await inTempDir('ws-temp-copy-types-', async (root) => {
      mkdirSync(join(root, 'procedures'), { recursive: true });
      writeFileSync(join(root, 'procedures', 'treasury.sql'), `${TABLES}${PROCEDURE}`);
      const tables = analyzeWorkspace(loadWorkspaceConfig(root)).catalog.tables;
      const types = (t: string): Record<string, string> => Object.fromEntries(tables.get(t)?.columns.map((c) => [c.name, `${formatColumnType(c.type)}${c.guessed ? ' (guessed)' : ''}`]) ?? []);
      // UPPER(…) of #open is not typed (a guess, as before); the copies of typed columns are
      expect(types('#paired')).toEqual({ 'Bank Line Id': 'int?', Amount: 'decimal(18,2)?', Ref: 'text? (guessed)', 'Entry No': 'int?' });
      expect(types('#again')).toEqual({ 'Bank Line Id': 'int?', 'Entry No': 'int?' });
    });
  });
});
