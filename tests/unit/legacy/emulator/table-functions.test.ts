import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Item (Id int NOT NULL PRIMARY KEY, Name varchar(20) NULL, Qty int NULL)
GO
CREATE FUNCTION dbo.ItemsOver (@min int) RETURNS TABLE AS RETURN (SELECT Id, Name FROM dbo.Item WHERE Qty > @min)
GO
CREATE FUNCTION dbo.Pieces (@name varchar(20), @n tinyint) RETURNS TABLE AS RETURN SELECT LEFT(@name, @n) AS head, LEN(@name) AS len
GO
CREATE FUNCTION dbo.Numbers (@n int) RETURNS @t TABLE (k int NOT NULL, sq int)
AS
BEGIN
  DECLARE @i int = 1;
  WHILE @i <= @n BEGIN INSERT INTO @t (k, sq) VALUES (@i, @i * @i); SET @i += 1; END
  RETURN;
END
GO
`;
const DATA = { 'dbo.Item': 'Id,Name,Qty\n1,apple,5\n2,pear,\n3,plum,2\n4,fig,0\n' };

describe('table-valued functions', () => {
  it.each([
    ['an inline function in FROM', 'SELECT Id FROM dbo.ItemsOver(1) ORDER BY Id', [{ Id: 1 }, { Id: 3 }]],
    ['an inline function with a variable argument', 'DECLARE @m int = 4; SELECT f.Name FROM dbo.ItemsOver(@m) AS f', [{ Name: 'apple' }]],
    ['CROSS APPLY, once per row, parameters converted (tinyint)', 'SELECT i.Id, p.head, p.len FROM dbo.Item i CROSS APPLY dbo.Pieces(i.Name, 2.7) p WHERE i.Id <= 2 ORDER BY i.Id',
      [{ Id: 1, head: 'ap', len: 5 }, { Id: 2, head: 'pe', len: 4 }]],
    ['OUTER APPLY keeps rows without a match', 'SELECT i.Id, o.Id AS o FROM dbo.Item i OUTER APPLY (SELECT Id FROM dbo.ItemsOver(i.Qty) WHERE Id = 1) o ORDER BY i.Id',
      [{ Id: 1, o: null }, { Id: 2, o: null }, { Id: 3, o: 1 }, { Id: 4, o: 1 }]],
    ['a multi-statement function with constant arguments', 'SELECT k, sq FROM dbo.Numbers(3) ORDER BY k DESC', [{ k: 3, sq: 9 }, { k: 2, sq: 4 }, { k: 1, sq: 1 }]],
    ['a multi-statement function joined, its argument a variable', 'DECLARE @n int = 2; SELECT i.Name, n.sq FROM dbo.Item i JOIN dbo.Numbers(@n + 1) AS n ON n.k = i.Id ORDER BY i.Id',
      [{ Name: 'apple', sq: 1 }, { Name: 'pear', sq: 4 }, { Name: 'plum', sq: 9 }]],
    ['STRING_SPLIT', "SELECT value FROM STRING_SPLIT('a,b,,c', ',') ORDER BY value", [{ value: '' }, { value: 'a' }, { value: 'b' }, { value: 'c' }]],
  ])('reads %s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual(expected);
  });

  it('refuses a multi-statement function whose arguments change per row', async () => {
    // outside an APPLY over the statement's own rows (a subquery correlated to the outer query)
    const err = await runBody('SELECT i.Id, (SELECT COUNT(*) FROM dbo.Numbers(i.Id) n) AS c FROM dbo.Item i', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/multi-statement table-valued function dbo\.Numbers/);
    expect((err as LegacyError).location?.span?.start.line).toBe(4);
  });
});
