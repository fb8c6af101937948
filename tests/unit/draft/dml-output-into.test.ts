import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// `DELETE … OUTPUT deleted.* INTO dbo.[Lot Archive]`, the archiving idiom, and an UPDATE's
// `OUTPUT deleted.x, inserted.x INTO` an audit table were refused (only MERGE's OUTPUT was
// drafted). Both are drafted now from the rows the statement changed, checked against the emulator.
const DDL = `CREATE TABLE dbo.[Point Lot] ([Lot Id] int NOT NULL PRIMARY KEY, [Member Id] int NOT NULL, Points int NOT NULL, [Expires On] date NOT NULL);
CREATE TABLE dbo.[Lot Archive] ([Lot Id] int NOT NULL, [Member Id] int NOT NULL, Points int NOT NULL, [Expires On] date NOT NULL);
CREATE TABLE dbo.[Lot Audit] ([Lot Id] int NOT NULL, [Old Points] int NULL, [New Points] int NULL);
CREATE TABLE dbo.Member ([Member Id] int NOT NULL PRIMARY KEY, Closed bit NOT NULL);`;
const LOT_COLUMNS = ['Lot Id:int', 'Member Id:int', 'Points:int', 'Expires On:date'];
const LOTS = {
  name: 'dbo.Point Lot', columns: LOT_COLUMNS,
  rows: [[1, 10, 500, '2019-01-31'], [2, 10, 250, '2020-06-30'], [3, 11, 100, '2019-03-31'], [4, 12, 75, '2021-01-31']],
  csv: 'Lot Id,Member Id,Points,Expires On\n1,10,500,2019-01-31\n2,10,250,2020-06-30\n3,11,100,2019-03-31\n4,12,75,2021-01-31\n',
};
const ARCHIVE = { name: 'dbo.Lot Archive', columns: LOT_COLUMNS, rows: [[9, 99, 1, '2018-12-31']], csv: 'Lot Id,Member Id,Points,Expires On\n9,99,1,2018-12-31\n' };
const AUDIT = { name: 'dbo.Lot Audit', columns: ['Lot Id:int', 'Old Points:int?', 'New Points:int?'], rows: [], csv: 'Lot Id,Old Points,New Points\n' };
const MEMBERS = { name: 'dbo.Member', columns: ['Member Id:int', 'Closed:bit'], rows: [[10, 0], [11, 1], [12, 1]], csv: 'Member Id,Closed\n10,0\n11,1\n12,1\n' };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T @AsOf date = '2019-06-30'\nAS\nBEGIN\n${body}\nEND`;

describe('OUTPUT … INTO of a DELETE or an UPDATE', () => {
  it.each([
    ['DELETE … OUTPUT deleted.* INTO the archive', 'DELETE FROM dbo.[Point Lot] OUTPUT deleted.* INTO dbo.[Lot Archive] WHERE [Expires On] < @AsOf;'],
    ['DELETE … FROM a join, OUTPUT into named columns', `DELETE l OUTPUT deleted.[Lot Id], deleted.[Member Id], deleted.Points, deleted.[Expires On] INTO dbo.[Lot Archive] ([Lot Id], [Member Id], Points, [Expires On])
  FROM dbo.[Point Lot] l JOIN dbo.Member m ON m.[Member Id] = l.[Member Id] WHERE m.Closed = 1;`],
  ])('%s appends the rows deleted, as the emulator does', async (_what, body) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(`  ${body}`), inputs: [LOTS, ARCHIVE, MEMBERS], output: ARCHIVE });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator.length).toBeGreaterThan(1);
    expect(r.draft).toEqual(r.emulator);
  });

  it('DELETE … OUTPUT leaves the lots kept, as the emulator does', async () => {
    const body = '  DELETE FROM dbo.[Point Lot] OUTPUT deleted.* INTO dbo.[Lot Archive] WHERE [Expires On] < @AsOf;';
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LOTS, ARCHIVE, MEMBERS], output: LOTS });
    expect(r.draft).toEqual(['2|10|250|2020-06-30', '4|12|75|2021-01-31']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('UPDATE … OUTPUT deleted and inserted values into an audit table, as the emulator does', async () => {
    const body = `  UPDATE l SET Points = l.Points / 2
  OUTPUT inserted.[Lot Id], deleted.Points, inserted.Points INTO dbo.[Lot Audit] ([Lot Id], [Old Points], [New Points])
  FROM dbo.[Point Lot] l JOIN dbo.Member m ON m.[Member Id] = l.[Member Id] WHERE m.Closed = 1;`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LOTS, AUDIT, MEMBERS], output: AUDIT });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['3|100|50', '4|75|37']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses OUTPUT without INTO (a result set), located', () => {
    const draft = draftOf(proc('  DELETE FROM dbo.[Point Lot] OUTPUT deleted.[Lot Id] WHERE [Expires On] < @AsOf;'), { ddl: DDL, inputs: [LOTS], output: { name: 'dbo.Point Lot', columns: LOT_COLUMNS }, params: { '@AsOf': 'date?' } });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals[0]).toMatchObject({ construct: 'DELETE … OUTPUT without INTO', line: 4 });
  });

  it('refuses a second OUTPUT (a result set) after OUTPUT … INTO, located at it', () => {
    const body = `  DELETE FROM dbo.[Point Lot] OUTPUT deleted.* INTO dbo.[Lot Archive]
  OUTPUT deleted.[Lot Id] WHERE [Expires On] < @AsOf;`;
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [LOTS, ARCHIVE], output: ARCHIVE, params: { '@AsOf': 'date?' } });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals[0]).toMatchObject({ construct: 'DELETE … OUTPUT … INTO … OUTPUT', line: 5 });
  });
});
