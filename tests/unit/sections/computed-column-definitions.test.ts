import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computedColumnDefinitions, loadWorkspaceConfig } from '../../../src/sections';

// An SSDT project: the post-deployment script that adds [Gross Qty Per] sorts before the
// folder creating the table (Scripts/ before mfg/). `migrate run` asks for the definition when a
// data file lacks the column; an ALTER-added one was unknown, so it said only "column missing".
describe('computedColumnDefinitions', () => {
  it('has the computed columns CREATE TABLE declares and those a later ALTER TABLE ADD adds, whatever the files\' order', () => {
    const root = mkdtempSync(join(tmpdir(), 'computed-defs-'));
    try {
      mkdirSync(join(root, 'procedures', 'Scripts'), { recursive: true });
      mkdirSync(join(root, 'procedures', 'mfg'), { recursive: true });
      writeFileSync(join(root, 'procedures', 'Scripts', '0042 add scrap.sql'), 'ALTER TABLE [mfg].[Bill Of Materials] ADD [Scrap %] DECIMAL(5,2) NOT NULL DEFAULT (0);\nGO\nALTER TABLE [mfg].[Bill Of Materials] ADD [Gross Qty Per] AS ([Qty Per] / (1 - [Scrap %] / 100));\nGO\n');
      writeFileSync(join(root, 'procedures', 'mfg', 'Bill Of Materials.sql'), 'CREATE TABLE [mfg].[Bill Of Materials] ([BOM Line Id] INT NOT NULL, [Qty Per] DECIMAL(18,6) NOT NULL, [Line Cost] AS ([Qty Per] * 2));\nGO\n');
      const defs = computedColumnDefinitions(loadWorkspaceConfig(root)).get('mfg.bill of materials');
      expect(defs?.get('line cost')).toBe('[Qty Per] * 2');
      expect(defs?.get('gross qty per')).toBe('[Qty Per] / (1 - [Scrap %] / 100)');
      expect(defs?.has('scrap %')).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
