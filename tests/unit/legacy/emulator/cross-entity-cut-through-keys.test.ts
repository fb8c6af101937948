import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure, type Statement } from '../../../../src/tsql';

// A rent roll per [Property Id]: dbo.Tenancy has no property column, but `--from-data` cuts it to
// one property through the [Bay No] of that property's bays, so a portfolio total over it is one
// property's total in every recorded scenario.
const DDL = `CREATE TABLE dbo.Bay ([Bay No] varchar(8) NOT NULL PRIMARY KEY, [Property Id] int NOT NULL)
GO
CREATE TABLE dbo.Tenancy ([Tenancy Id] int NOT NULL PRIMARY KEY, [Bay No] varchar(8) NOT NULL, [Weekly Rent] money NOT NULL)
GO
CREATE TABLE dbo.Indexation ([Index Year] int NOT NULL PRIMARY KEY, Factor decimal(9,6) NOT NULL)
GO
`;

function readsOf(body: string): string[] {
  const script = parseScript(`${DDL}CREATE PROCEDURE dbo.[usp_Rent Share] @Year int AS\nBEGIN\n${body}\nEND\n`, { file: 'share.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
  const statements: readonly Statement[] = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return crossEntityReads(statements, 'Property Id', crossEntityContext([script], statements)).map((r) => r.construct);
}

const SHARE = `SELECT b.[Property Id], SUM(t.[Weekly Rent]) / @All AS Share
FROM dbo.Bay b JOIN dbo.Tenancy t ON t.[Bay No] = b.[Bay No] GROUP BY b.[Property Id];`;

describe('crossEntityReads over a table the slice cuts through a shared key', () => {
  it('names a portfolio total over tenancies, which each slice cuts to one property\'s bays', () => {
    expect(readsOf(`DECLARE @All money;\nSELECT @All = SUM(t.[Weekly Rent]) FROM dbo.Tenancy t;\n${SHARE}`))
      .toEqual(['SUM(…) over rows of every Property Id']);
  });

  it('leaves alone a lookup sharing no key with the cut tables, read whole by every slice', () => {
    expect(readsOf(`DECLARE @All decimal(9,6);\nSELECT @All = MAX(i.Factor) FROM dbo.Indexation i WHERE i.[Index Year] <= @Year;\n${SHARE}`)).toEqual([]);
  });
});
