import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { deployedWhenOf, listFiles, readSourceFile } from '../../../src/core';
import { analyzeSources } from '../../../src/dataflow';
import { containersInEffect, parseScript } from '../../../src/tsql';

/*
 * An SSDT project runs by deployment phase, not by path: the pre-deployment script and its `:r`
 * includes, then the Build items, then the post-deployment script and its includes (in the
 * order it includes them). A hospital census project whose upgrade scripts live under
 * `Scripts/`, which sorts before `Stored Procedures/`.
 */

const PROJECT = '<?xml version="1.0" encoding="utf-8"?>\n<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n'
  + '  <ItemGroup>\n    <Build Include="Tables\\Ward Stay.sql" />\n    <Build Include="Stored Procedures\\usp_LengthOfStay.sql" />\n  </ItemGroup>\n'
  + '  <ItemGroup>\n    <PreDeploy Include="Scripts\\Script.PreDeployment.sql" />\n    <PostDeploy Include="Scripts\\Script.PostDeployment.sql" />\n'
  + '    <None Include="Scripts\\Upgrade\\R4.2 LOS partial days.sql" />\n    <None Include="Scripts\\Upgrade\\Hotfix LOS rounding.sql" />\n'
  + '    <None Include="Scripts\\Pre\\Archive old census.sql" />\n  </ItemGroup>\n</Project>\n';

const FILES: Record<string, string> = {
  'CensusDb/CensusDb.sqlproj': PROJECT,
  'CensusDb/Tables/Ward Stay.sql': 'CREATE TABLE [dbo].[Ward Stay] ([Stay Id] INT NOT NULL PRIMARY KEY, [Admit] DATETIME NOT NULL, [Discharge] DATETIME NULL)\nGO\n',
  'CensusDb/Stored Procedures/usp_LengthOfStay.sql': 'CREATE PROCEDURE [dbo].[usp_LengthOfStay]\nAS\n    SELECT [Stay Id], DATEDIFF(DAY, [Admit], [Discharge]) AS [LOS Days] FROM dbo.[Ward Stay]\nGO\n',
  'CensusDb/Scripts/Script.PreDeployment.sql': ':r ".\\Pre\\Archive old census.sql"\r\n',
  'CensusDb/Scripts/Pre/Archive old census.sql': 'PRINT \'archiving\'\r\nGO\r\n',
  // Included R4.2 first, then the hotfix: the hotfix's ALTER is the one left, though `Hotfix…` sorts first.
  'CensusDb/Scripts/Script.PostDeployment.sql': '/* Post-Deployment Script */\r\n:r ".\\Upgrade\\R4.2 LOS partial days.sql"\r\n:r ".\\Upgrade\\Hotfix LOS rounding.sql"\r\n',
  'CensusDb/Scripts/Upgrade/R4.2 LOS partial days.sql': 'ALTER PROCEDURE [dbo].[usp_LengthOfStay]\nAS\n    SELECT [Stay Id], DATEDIFF(DAY, [Admit], ISNULL([Discharge], GETDATE())) AS [LOS Days] FROM dbo.[Ward Stay]\nGO\n',
  'CensusDb/Scripts/Upgrade/Hotfix LOS rounding.sql': 'ALTER PROCEDURE [dbo].[usp_LengthOfStay]\nAS\n    SELECT [Stay Id], CASE WHEN DATEDIFF(DAY, [Admit], ISNULL([Discharge], GETDATE())) = 0 THEN 1 ELSE DATEDIFF(DAY, [Admit], ISNULL([Discharge], GETDATE())) END AS [LOS Days] FROM dbo.[Ward Stay]\nGO\n',
  'Loose/Scripts/Upgrade/fix.sql': '',
  'Loose/dbo/p.sql': '',
};

describe('an SSDT project\'s files in the order a publish runs them', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlproj-phases-'));
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rel = (f: string): string => relative(dir, f).split(sep).join('/');

  it('lists pre-deployment, Build items, then post-deployment in :r order; a plain folder keeps path order', () => {
    expect(listFiles([dir], ['.sql']).map(rel)).toEqual([
      'CensusDb/Scripts/Script.PreDeployment.sql', 'CensusDb/Scripts/Pre/Archive old census.sql',
      'CensusDb/Stored Procedures/usp_LengthOfStay.sql', 'CensusDb/Tables/Ward Stay.sql',
      'CensusDb/Scripts/Script.PostDeployment.sql', 'CensusDb/Scripts/Upgrade/R4.2 LOS partial days.sql', 'CensusDb/Scripts/Upgrade/Hotfix LOS rounding.sql',
      // no project: code-unit order, capitals first
      'Loose/Scripts/Upgrade/fix.sql', 'Loose/dbo/p.sql',
    ]);
    expect(deployedWhenOf(join(dir, 'CensusDb/Scripts/Upgrade/Hotfix LOS rounding.sql'))).toEqual({ phase: 'post-deployment', place: 2 });
    expect(deployedWhenOf(join(dir, 'CensusDb/Tables/Ward Stay.sql'))).toEqual({ phase: 'build', place: 0 });
    expect(deployedWhenOf(join(dir, 'Loose/dbo/p.sql'))).toBeUndefined();
  });

  it('takes the last upgrade the post-deployment script includes as the definition in effect', () => {
    const scripts = listFiles([join(dir, 'CensusDb')], ['.sql']).map((f) => parseScript(readSourceFile(f).text, { file: f }));
    const inEffect = containersInEffect(scripts, 'CreateProcedure').get('dbo.usp_lengthofstay');
    expect(rel(inEffect?.script.file ?? '')).toBe('CensusDb/Scripts/Upgrade/Hotfix LOS rounding.sql');
  });

  it('warns that the Build item\'s CREATE is replaced by the post-deployment ALTER, with no advice to rename folders', () => {
    const files = listFiles([join(dir, 'CensusDb')], ['.sql']);
    const r = analyzeSources(files.map((f) => ({ file: f, text: readSourceFile(f).text })));
    const warnings = r.diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION');
    expect(warnings.map((w) => rel(w.file)).sort()).toEqual(['CensusDb/Scripts/Upgrade/R4.2 LOS partial days.sql', 'CensusDb/Stored Procedures/usp_LengthOfStay.sql']);
    const create = warnings.find((w) => rel(w.file) === 'CensusDb/Stored Procedures/usp_LengthOfStay.sql');
    expect(create?.message).toContain('this CREATE is not in effect (a later ALTER');
    expect(create?.message).toContain('the SSDT project\'s post-deployment script runs after the deployment puts its Build items in place');
    expect(create?.message).toMatch(/the main report shows the ALTER at .*Hotfix LOS rounding\.sql:1/);
    for (const w of warnings) expect(w.message).not.toMatch(/path order|name the folders/);
  });

  it('an ALTER in the pre-deployment script is doubtful, and the advice is to move it, not to rename folders', () => {
    const pre = join(dir, 'CensusDb/Scripts/Pre/Archive old census.sql');
    const build = join(dir, 'CensusDb/Stored Procedures/usp_LengthOfStay.sql');
    const r = analyzeSources([
      { file: pre, text: 'ALTER PROCEDURE [dbo].[usp_LengthOfStay] AS SELECT 1 AS [LOS Days]\nGO\n' },
      { file: build, text: readSourceFile(build).text },
    ]);
    const [warning] = r.diagnostics.filter((d) => d.code === 'DUPLICATE_DEFINITION');
    expect(warning?.message).toContain('the ALTER is in the SSDT project\'s pre-deployment script');
    expect(warning?.message).toContain('move the upgrade to the post-deployment script');
    expect(warning?.message).not.toMatch(/path order|name the folders/);
  });
});
