import { resultRows, runBody } from './emulator-helpers';

// An IDENTITY's seed and increment were read from the text at the column's offsets in the
// script being run: a column an upgrade script's ALTER TABLE … ADD declared (or a table type's
// column) was numbered 1, 2, … whatever its IDENTITY(1000, 5) said. The parser now keeps them.

describe('IDENTITY(seed, increment) declared in another script than the table\'s CREATE', () => {
  it('numbers a column an upgrade script adds from its own seed', async () => {
    const r = await runBody(`INSERT INTO dbo.[Work Item] (Code) VALUES ('a'), ('b');
SELECT [Row Id], Code FROM dbo.[Work Item] ORDER BY Code;`, {
      tables: 'CREATE TABLE dbo.[Work Item] (Code varchar(10) NOT NULL);\nGO',
      extraProcs: '-- V002: a surrogate key numbered from 1000\n\n\nALTER TABLE dbo.[Work Item] ADD [Row Id] int IDENTITY(1000, 5) NOT NULL;\nGO',
    });
    expect(resultRows(r)).toEqual([{ 'Row Id': 1000, Code: 'a' }, { 'Row Id': 1005, Code: 'b' }]);
  });
});
