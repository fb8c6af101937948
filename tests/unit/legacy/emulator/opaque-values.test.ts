import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Site (Id int NOT NULL PRIMARY KEY, Node hierarchyid NULL, Loc geography NULL, Extra sql_variant NULL, Doc xml NULL)
GO
CREATE TABLE dbo.SiteCopy (Id int NOT NULL, Node hierarchyid NULL, Loc geography NULL)
GO
`;
const DATA = { 'dbo.Site': 'Id,Node,Loc,Extra,Doc\n1,/1/,POINT (10 20),x,<a/>\n2,/1/2/,,,\n' };

describe('geography, geometry, hierarchyid and sql_variant columns', () => {
  it('are stored and copied as the text they were loaded with', async () => {
    const r = await runBody(`
      INSERT INTO dbo.SiteCopy (Id, Node, Loc) SELECT Id, Node, ISNULL(Loc, Loc) FROM dbo.Site;
      SELECT Id, Node, Loc FROM dbo.SiteCopy ORDER BY Id;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Node: '/1/', Loc: 'POINT (10 20)' }, { Id: 2, Node: '/1/2/', Loc: null }]);
  });

  it.each([
    ['ordering', 'SELECT Id FROM dbo.Site ORDER BY Node'],
    ['comparing', "SELECT Id FROM dbo.Site WHERE Node > '/1/'"],
    ['a method call', 'SELECT Node.GetLevel() AS l FROM dbo.Site'],
  ])('refuse %s, with the location', async (_name, body) => {
    const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:\d+: the emulator does not support/);
  });
});

describe('a CLR type method of a column named with its alias', () => {
  // `s.Loc.STDistance(…)` parses as a call of a three-part name; it is no user function
  it.each([
    ['STDistance of geography', 'SELECT a.Id, a.Loc.STDistance(b.Loc) AS m FROM dbo.Site a JOIN dbo.Site b ON a.Id < b.Id', /the method STDistance\(\) of the column a\.Loc \(geography\) \(geography, geometry, hierarchyid and CLR type methods are not emulated\)/],
    ['GetLevel of hierarchyid', 'SELECT s.Node.GetLevel() AS l FROM dbo.Site s', /the method GetLevel\(\) of the column s\.Node \(hierarchyid\)/],
  ])('refuses %s as a method, at its location', async (_name, body, message) => {
    const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:\d+: the emulator does not support/);
    expect((err as LegacyError).message).toMatch(message);
  });
});

