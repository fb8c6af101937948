import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace, findProcedureParameters, loadWorkspaceConfig } from '../../../src/sections';

const WORKSPACES = ['../../..', '../../fixtures/workspaces/real-etl', '../../fixtures/workspaces/spaced-names', '../../fixtures/workspaces/upgrade-scripts'];

describe('findProcedureParameters', () => {
  // the light lookup `migrate run` uses must agree with the full analysis on every procedure
  it.each(WORKSPACES)('agrees with analyzeWorkspace on every procedure of %s', (dir) => {
    const config = loadWorkspaceConfig(join(__dirname, dir));
    const analysis = analyzeWorkspace(config);
    expect(analysis.procedures.length).toBeGreaterThan(0);
    for (const outline of analysis.procedures) {
      for (const name of [outline.displayName, outline.folder, outline.displayName.toUpperCase()]) {
        const found = findProcedureParameters(config, name);
        expect(found?.outline.name).toBe(outline.name);
        expect(found?.parameters).toEqual(analysis.graphs.get(outline.name)?.object.parameters);
      }
    }
  });

  describe('on a workspace with an upgrade script', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'proc-params-'));
      mkdirSync(join(root, 'procedures'));
      writeFileSync(join(root, 'procedures', '01-create.sql'), 'CREATE PROCEDURE [Load Jobs].[Run Day] @Day date AS SELECT 1;\nGO\n');
      writeFileSync(join(root, 'procedures', '02-upgrade.sql'),
        'ALTER PROCEDURE [Load Jobs].[Run Day] @Day date = NULL, @Rows int OUTPUT, @Keys dbo.KeyList READONLY, @Mode varchar(10) AS SELECT 1;\nGO\n');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each([
      ['@Day', { default: 'NULL', output: false }],
      ['@Rows', { output: true }],
      ['@Keys', { readonly: true }],
      ['@Mode', { type: 'VARCHAR(10)', output: false }],
    ])('reads %s from the ALTER in effect', (name, expected) => {
      const found = findProcedureParameters(loadWorkspaceConfig(root), 'load jobs.run day');
      expect(found?.parameters.find((p) => p.name === name)).toMatchObject(expected);
      expect(found?.parameters).toHaveLength(4);
    });

    it('is undefined for a procedure no script defines', () => {
      expect(findProcedureParameters(loadWorkspaceConfig(root), 'dbo.usp_Missing')).toBeUndefined();
    });
  });
});
