import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSectionFile } from '../../../src/cli/section-recording';
import { loadWorkspaceConfig } from '../../../src/sections';
import { inTempDir } from '../../support/temp-dir';

// `sections record` takes a section by id or by path; a path without `.feature`
// (`sections/dbo.[usp Load Sales]/01-facts`, as scaffold and test take it) was refused as no section.
describe('findSectionFile', () => {
  it('finds a section by id, by path, and by path without .feature', async () => {
    await inTempDir('find-section-', async (dir) => {
      const folder = join(dir, 'sections', 'dbo.usp Load Sales');
      mkdirSync(folder, { recursive: true });
      const file = join(folder, '01-facts.feature');
      writeFileSync(file, '@proc:dbo.[usp Load Sales] @lines:3\nFeature: facts\n');
      const config = loadWorkspaceConfig(dir);
      expect(findSectionFile(config, 'dbo.usp Load Sales/01-facts')).toBe(file);
      expect(findSectionFile(config, file)).toBe(file);
      expect(findSectionFile(config, join(dir, 'sections', 'dbo.usp Load Sales', '01-facts'))).toBe(file);
      expect(() => findSectionFile(config, join(dir, 'sections', 'dbo.usp Load Sales', '02-none'))).toThrow(/no section/);
    });
  });
});
