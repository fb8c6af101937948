import { EngineSession } from '../../../src/engine';
import { EQUATED_TEXT_CHAR, holdsEquatedText } from '../../../src/tsql';
import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

// A street register keyed by name, as a municipal address import holds it. SQL Server's default
// collations equate N'Straße' and N'Strasse' (the ß expands to ss), so a GROUP BY of the two is one
// group to SQL Server and two by code points: a drafted count was silently wrong. The draft now
// stops where such text is compared, grouped, searched or matched, exactly where the emulator
// refuses it (one definition of the characters: src/tsql/collation-equated-text.ts), naming the
// construct's file:line:col and the value; accented Latin text (José, Müller, Ångström) drafts
// and runs as before, agreeing with the emulator.
const DDL = `CREATE TABLE dbo.[Street Register] ([Street Id] int NOT NULL, [Street Name] nvarchar(60) NOT NULL, [Town] nvarchar(40) NULL);
CREATE TABLE dbo.[Street Prefix] ([Prefix] nvarchar(20) NOT NULL);
CREATE TABLE dbo.[Street Tally] ([Street Name] nvarchar(60) NULL, [Streets] int NULL);`;
const REGISTER = { name: 'dbo.Street Register', columns: ['Street Id:int', 'Street Name:text', 'Town:text?'] };
const PREFIX = { name: 'dbo.Street Prefix', columns: ['Prefix:text'] };
const TALLY = { name: 'dbo.Street Tally', columns: ['Street Name:text?', 'Streets:int?'] };
const csv = (rows: readonly (readonly [number, string])[]): string => `Street Id,Street Name,Town\n${rows.map(([id, name]) => `${id},"${name}",Köln`).join('\n')}\n`;

const caseOf = (select: string, rows: readonly (readonly [number, string])[], prefixes = 'Prefix\nStras\n'): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  INSERT INTO dbo.[Street Tally] ([Street Name], [Streets])\n  ${select};\nEND`,
  inputs: [{ ...REGISTER, csv: csv(rows) }, { ...PREFIX, csv: prefixes }],
  output: TALLY,
});

const SHARP_S = [[1, 'Straße'], [2, 'Strasse'], [3, 'Mühlenweg']] as const;
const FROM = 'FROM dbo.[Street Register] AS r';

describe('drafts over text the collation equates with another spelling (ß = ss)', () => {
  it.each<[string, string, string]>([
    ['GROUP BY', `SELECT r.[Street Name], COUNT(*) ${FROM} GROUP BY r.[Street Name]`, 'GROUP BY'],
    ['a join on the name', `SELECT N'pairs', COUNT(*) ${FROM} JOIN dbo.[Street Register] AS o ON o.[Street Name] = r.[Street Name] AND o.[Street Id] <> r.[Street Id]`, 'text = text'],
    ['SELECT DISTINCT', `SELECT DISTINCT r.[Street Name], 1 ${FROM}`, 'SELECT DISTINCT'],
    ['UNION', `SELECT r.[Street Name], 1 ${FROM} WHERE r.[Street Id] = 1 UNION SELECT r.[Street Name], 1 ${FROM} WHERE r.[Street Id] = 2`, 'UNION'],
    ['=', `SELECT N'Strasse', COUNT(*) ${FROM} WHERE r.[Street Name] = N'Strasse'`, 'text = text'],
    ['IN (subquery)', `SELECT N'in', COUNT(*) ${FROM} WHERE r.[Street Name] IN (SELECT t.[Street Name] FROM dbo.[Street Register] AS t WHERE t.[Street Id] = 2)`, 'IN \\(subquery\\)'],
    ['NULLIF', `SELECT NULLIF(r.[Street Name], N'Strasse'), r.[Street Id] ${FROM}`, 'NULLIF'],
    ['PARTITION BY', `SELECT r.[Street Name], COUNT(*) OVER (PARTITION BY r.[Street Name]) ${FROM}`, 'PARTITION BY'],
    ['COUNT(DISTINCT …)', `SELECT N'names', COUNT(DISTINCT r.[Street Name]) ${FROM}`, 'COUNT\\(DISTINCT …\\)'],
    ['MIN', `SELECT MIN(r.[Street Name]), COUNT(*) ${FROM}`, 'MIN\\(\\)'],
    ['REPLACE', `SELECT REPLACE(r.[Street Name], N'ss', N's'), r.[Street Id] ${FROM}`, 'REPLACE'],
    ['CHARINDEX', `SELECT r.[Street Name], CHARINDEX(N'ss', r.[Street Name]) ${FROM}`, 'CHARINDEX'],
    ['LIKE', `SELECT N'like', COUNT(*) ${FROM} WHERE r.[Street Name] LIKE N'Strass%'`, 'LIKE'],
    ['NOT LIKE with _', `SELECT N'not like', COUNT(*) ${FROM} WHERE r.[Street Name] NOT LIKE N'Stra_e'`, 'LIKE'],
    ['PATINDEX', `SELECT r.[Street Name], PATINDEX(N'%ss%', r.[Street Name]) ${FROM}`, 'PATINDEX'],
  ])('%s: the draft stops at run time naming the construct and the value, where the emulator refuses too', async (_what, select, construct) => {
    const r = await draftAgainstEmulator(caseOf(select, SHARP_S), { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/the emulator does not support .*(ß|expanding letter)/);
    expect(r.draft).toBeUndefined();
    expect(r.draftError).toMatch(new RegExp(`proc\\.sql:\\d+:\\d+: ${construct}: (the text holds characters SQL Server's collation may equate with other spellings|SQL Server's collation may match an expanding letter).*'Stra(ß|ss)e'`));
  });

  it('ORDER BY of such text (a ranking) stops as before, where the emulator refuses too', async () => {
    const r = await draftAgainstEmulator(caseOf(`SELECT r.[Street Name], RANK() OVER (ORDER BY r.[Street Name]) ${FROM}`, SHARP_S), { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/the emulator does not support .*ß/);
    expect(r.draftError).toMatch(/proc\.sql:\d+:\d+: ordering text holding letters outside ASCII .*Straße/);
  });

  it('a LIKE pattern from the data is judged on its value as a constant one is', async () => {
    const select = `SELECT p.[Prefix], COUNT(*) ${FROM} JOIN dbo.[Street Prefix] AS p ON r.[Street Name] LIKE p.[Prefix] + N'%' GROUP BY p.[Prefix]`;
    const risky = await draftAgainstEmulator(caseOf(select, SHARP_S, 'Prefix\nStrass\n'), { keepRefusal: true });
    expect(risky.draftError).toMatch(/proc\.sql:\d+:\d+: LIKE: SQL Server's collation may match an expanding letter .*'Straße'/);
    const plain = await draftAgainstEmulator(caseOf(select, [[1, 'Mühlenweg'], [2, 'Mühlgasse'], [3, 'Strasse']], 'Prefix\nMühl\nStrass\n'));
    expect(plain.draftError).toBeUndefined();
    expect(plain.draft).toEqual(plain.emulator);
    expect(plain.draft).toEqual(['Mühl|2', 'Strass|1']);
  });

  it('text without such a character in the same queries runs as SQL Server computes it', async () => {
    const plain = [[1, 'Strasse'], [2, 'STRASSE'], [3, 'Mühlenweg']] as const;
    const grouped = await draftAgainstEmulator(caseOf(`SELECT N'groups', COUNT(DISTINCT r.[Street Name]) ${FROM}`, plain));
    expect(grouped.draftError).toBeUndefined();
    expect(grouped.draft).toEqual(grouped.emulator);
    expect(grouped.draft).toEqual(['groups|2']);
  });

  it('CHARINDEX and REPLACE of ASCII punctuation in such text stay exact, as in the emulator', async () => {
    const rows = [[1, 'Straße, Nord'], [2, 'Mühlenweg']] as const;
    const r = await draftAgainstEmulator(caseOf(`SELECT REPLACE(r.[Street Name], N',', N''), CHARINDEX(N',', r.[Street Name]) ${FROM}`, rows));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['Mühlenweg|0', 'Straße Nord|7']);
  });

  it('LIKE with a digit range over such text stays exact, as in the emulator', async () => {
    const rows = [[1, 'Straße 12'], [2, 'Mühlenweg']] as const;
    const r = await draftAgainstEmulator(caseOf(`SELECT r.[Street Name], r.[Street Id] ${FROM} WHERE r.[Street Name] LIKE N'%[0-9]'`, rows));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['Straße 12|1']);
  });
});

describe('drafts over accented Latin text (José, Müller, Ångström)', () => {
  const ROWS = [[1, 'Ångström Road'], [2, 'Müller Allee'], [3, 'José Plaza'], [4, 'Müller Allee'], [5, 'Angel Row']] as const;
  it.each<[string, string, string[]]>([
    ['GROUP BY', `SELECT r.[Street Name], COUNT(*) ${FROM} GROUP BY r.[Street Name]`, ['Angel Row|1', 'José Plaza|1', 'Müller Allee|2', 'Ångström Road|1']],
    ['a join on the name', `SELECT r.[Street Name], COUNT(*) ${FROM} JOIN dbo.[Street Register] AS o ON o.[Street Name] = r.[Street Name] AND o.[Street Id] <> r.[Street Id] GROUP BY r.[Street Name]`, ['Müller Allee|2']],
    ['SELECT DISTINCT', `SELECT DISTINCT r.[Street Name], 1 ${FROM}`, ['Angel Row|1', 'José Plaza|1', 'Müller Allee|1', 'Ångström Road|1']],
    ['= (case-insensitive)', `SELECT N'müller', COUNT(*) ${FROM} WHERE r.[Street Name] = N'MÜLLER ALLEE'`, ['müller|2']],
    ['REPLACE', `SELECT REPLACE(r.[Street Name], N'é', N'e'), r.[Street Id] ${FROM} WHERE r.[Street Id] = 3`, ['Jose Plaza|3']],
    ['CHARINDEX', `SELECT r.[Street Name], CHARINDEX(N'ü', r.[Street Name]) ${FROM} WHERE r.[Street Id] = 2`, ['Müller Allee|2']],
    ['LIKE', `SELECT N'm', COUNT(*) ${FROM} WHERE r.[Street Name] LIKE N'm%'`, ['m|2']],
    ['LIKE with _', `SELECT r.[Street Name], r.[Street Id] ${FROM} WHERE r.[Street Name] LIKE N'_ngstr_m%'`, ['Ångström Road|1']],
    ['PATINDEX', `SELECT r.[Street Name], PATINDEX(N'%ö%', r.[Street Name]) ${FROM} WHERE r.[Street Id] = 1`, ['Ångström Road|7']],
    ['ORDER BY (RANK)', `SELECT r.[Street Name], RANK() OVER (ORDER BY r.[Street Name]) ${FROM}`, ['Angel Row|1', 'José Plaza|3', 'Müller Allee|4', 'Müller Allee|4', 'Ångström Road|2']],
    ['MIN', `SELECT MIN(r.[Street Name]), COUNT(*) ${FROM} WHERE r.[Street Id] <> 5`, ['Ångström Road|4']],
    ['MAX', `SELECT MAX(r.[Street Name]), COUNT(*) ${FROM}`, ['Müller Allee|5']],
  ])('%s: drafts and agrees with the emulator', async (_what, select, rows) => {
    const r = await draftAgainstEmulator(caseOf(select, ROWS));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(rows);
  });

  it('MIN of values differing only in accents stops (the collation\'s order of accents is not reproduced)', async () => {
    const r = await draftAgainstEmulator(caseOf(`SELECT MIN(r.[Street Name]), COUNT(*) ${FROM}`, [[1, 'José Plaza'], [2, 'Jose Plaza']]));
    expect(r.draftError).toMatch(/MIN\/MAX of text over values differing only in accents/);
  });
});

describe('the characters the drafts check in a literal', () => {
  it('are the ones DuckDB finds at run time (every character of the Basic Multilingual Plane)', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const rows = await session.all(`SELECT i FROM range(1, 65536) t(i) WHERE (i < 55296 OR i > 57343) AND regexp_matches(chr(CAST(i AS INTEGER)), '${EQUATED_TEXT_CHAR}')`);
      const duck = new Set(rows.map((r) => Number(r.i)));
      const differ: number[] = [];
      for (let i = 1; i < 65536; i++) {
        if (i >= 0xd800 && i <= 0xdfff) continue;
        if (holdsEquatedText(String.fromCharCode(i)) !== duck.has(i)) differ.push(i);
      }
      expect(differ).toEqual([]);
      expect(duck.has('ß'.charCodeAt(0)) && duck.has(0xad) && duck.has('²'.charCodeAt(0)) && !duck.has('é'.charCodeAt(0))).toBe(true);
    } finally {
      session.close();
    }
  });
});
