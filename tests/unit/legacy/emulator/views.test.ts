import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Item (Id int NOT NULL PRIMARY KEY, Name varchar(20) NULL, Qty int NULL)
GO
CREATE VIEW dbo.[In Stock] AS SELECT Id, Name, Qty FROM dbo.Item WHERE Qty > 0
GO
CREATE VIEW dbo.BigStock (ItemId, Label) AS SELECT Id, UPPER(Name) FROM dbo.[in stock] WHERE Qty >= 5
GO
CREATE VIEW dbo.Loopy AS SELECT * FROM dbo.Loopy
GO
`;
const DATA = { 'dbo.Item': 'Id,Name,Qty\n1,apple,5\n2,pear,\n3,plum,2\n4,fig,0\n' };

describe('views (CREATE VIEW, read like tables)', () => {
  it.each([
    ['a view with a WHERE', 'SELECT Id FROM dbo.[In Stock] ORDER BY Id', [{ Id: 1 }, { Id: 3 }]],
    ['a view over a view, with a column list', 'SELECT ItemId, Label FROM dbo.BigStock', [{ ItemId: 1, Label: 'APPLE' }]],
    ['an alias and a join', 'SELECT s.Id, i.Name FROM dbo.[IN STOCK] AS s JOIN dbo.Item i ON i.Id = s.Id WHERE s.Qty < 5', [{ Id: 3, Name: 'plum' }]],
    ['a subquery and a CTE', 'WITH c AS (SELECT Id FROM [In Stock]) SELECT COUNT(*) AS n FROM c WHERE Id IN (SELECT ItemId FROM dbo.BigStock)', [{ n: 1 }]],
    ['an INSERT … SELECT source', 'CREATE TABLE #t (Id int); INSERT #t SELECT Id FROM dbo.[In Stock]; SELECT COUNT(*) AS n FROM #t', [{ n: 2 }]],
  ])('reads %s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual(expected);
  });

  it('refuses a view that refers to itself, at the view', async () => {
    const err = await runBody('SELECT * FROM dbo.Loopy', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/view dbo\.Loopy, which refers to itself/);
    expect((err as LegacyError).location?.file).toBe('tables.sql');
  });
});
