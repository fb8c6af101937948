import { draftBody } from '../../../src/draft/draft-section';
import { collectVersionedTables } from '../../../src/draft/versioned-writes';
import { collectHistoryTables } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, type HarnessTable } from './draft-harness';

// A write into a system-versioned table (learn.microsoft.com/sql/relational-databases/tables/
// modifying-data-in-a-system-versioned-temporal-table) stamps the period columns with the
// transaction time and copies the changed rows to the history table. The draft translates neither:
// it refuses at the statement, never drafts the period columns as they were.
const DDL = `CREATE TABLE Application.People (PersonID int NOT NULL PRIMARY KEY, FullName nvarchar(50) NOT NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Application.People_Archive));
GO
CREATE TABLE dbo.Src (PersonID int NOT NULL, FullName nvarchar(50) NOT NULL);
GO`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const PEOPLE: HarnessTable = { name: 'Application.People', columns: ['PersonID:int', 'FullName:text', 'ValidFrom:timestamp', 'ValidTo:timestamp'] };
const SRC: HarnessTable = { name: 'dbo.Src', columns: ['PersonID:int', 'FullName:text'] };

describe('a write into a system-versioned table is refused by the draft', () => {
  it.each<[string, string, number, string]>([
    ['UPDATE … FROM through an alias', 'UPDATE p SET FullName = s.FullName FROM Application.People AS p JOIN dbo.Src AS s ON s.PersonID = p.PersonID;', 3, 'UPDATE of the system-versioned table Application.People'],
    ['INSERT', 'INSERT INTO Application.People (PersonID, FullName) SELECT PersonID, FullName FROM dbo.Src;', 3, 'INSERT of the system-versioned table Application.People'],
    ['DELETE', 'DELETE FROM Application.People WHERE PersonID IN (SELECT PersonID FROM dbo.Src);', 3, 'DELETE of the system-versioned table Application.People'],
  ])('%s', (_form, body, line, construct) => {
    const input = draftInputOf(proc(body), { inputs: [PEOPLE, SRC], output: PEOPLE, ddl: DDL });
    const draft = draftBody({ ...input, versioned: collectVersionedTables([parseScript(DDL, { file: 'ddl.sql' })]) });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual([`${line}:1 ${construct}`]);
    expect(draft.refusals[0]?.reason).toMatch(/history table/);
  });

  it('refuses the history table too: the rows the UPDATE copies there are not drafted, so it never comes out as given', () => {
    const ARCHIVE: HarnessTable = { name: 'Application.People_Archive', columns: PEOPLE.columns };
    const body = 'UPDATE p SET FullName = s.FullName FROM Application.People AS p JOIN dbo.Src AS s ON s.PersonID = p.PersonID;';
    const input = draftInputOf(proc(body), { inputs: [PEOPLE, SRC, ARCHIVE], output: ARCHIVE, ddl: DDL });
    const scripts = [parseScript(DDL, { file: 'ddl.sql' })];
    const draft = draftBody({ ...input, versioned: collectVersionedTables(scripts), versionedHistory: collectHistoryTables(scripts) });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['3:1 UPDATE of the system-versioned table Application.People']);
  });

  it('finds the versioned tables of CREATE TABLE and ALTER TABLE … SET (SYSTEM_VERSIONING = ON)', () => {
    const more = parseScript('CREATE TABLE dbo.A (Id int NOT NULL PRIMARY KEY);\nGO\nALTER TABLE dbo.A SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.AHistory));\nGO', { file: 'a.sql' });
    expect([...collectVersionedTables([parseScript(DDL, { file: 'ddl.sql' }), more])].sort()).toEqual(['application.people', 'dbo.a']);
  });
});
