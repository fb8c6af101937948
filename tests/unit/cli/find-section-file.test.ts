import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSectionFile } from '../../../src/cli/section-recording';
import { loadWorkspaceConfig, resolveSectionFile } from '../../../src/sections';
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

// A user types the procedure as T-SQL names it and the section's number (`adt.usp_Build
// Census/01`): that was "no section" with a generic hint, for record, scaffold and test alike.
describe('a section named by its procedure and number', () => {
  const make = (dir: string): string[] => {
    const folder = join(dir, 'sections', 'adt.usp_Build_Census');
    mkdirSync(folder, { recursive: true });
    return ['00-housekeeping', '01-midnight-census', '02-los-summary'].map((n) => {
      const file = join(folder, `${n}.feature`);
      writeFileSync(file, `@proc:adt.[usp_Build%20Census] @lines:3\nFeature: ${n}\n`);
      return file;
    });
  };

  it('finds it as written, bracketed, by folder and without the leading zero', async () => {
    await inTempDir('find-section-', async (dir) => {
      const [, census, los] = make(dir);
      const config = loadWorkspaceConfig(dir);
      for (const given of ['adt.usp_Build Census/01', 'adt.[usp_Build Census]/01', '[adt].[usp_Build Census]/1', 'ADT.usp_build_census/01', 'adt.usp_Build Census/01-midnight-census']) {
        expect(findSectionFile(config, given)).toBe(census);
        expect(resolveSectionFile(config, given)).toBe(census);
      }
      expect(findSectionFile(config, 'adt.usp_Build Census/2')).toBe(los);
    });
  });

  it('names the procedure\'s sections when the number or slug is not one of them', async () => {
    await inTempDir('find-section-', async (dir) => {
      make(dir);
      const config = loadWorkspaceConfig(dir);
      const err = ((): unknown => { try { findSectionFile(config, 'adt.usp_Build Census/07'); } catch (e) { return e; } return undefined; })();
      expect(err).toMatchObject({ code: 'RECORD_UNKNOWN_SECTION', hint: 'the sections of that procedure: adt.usp_Build_Census/00-housekeeping, adt.usp_Build_Census/01-midnight-census, adt.usp_Build_Census/02-los-summary' });
      expect(() => resolveSectionFile(config, 'adt.usp_Build Census/01-census')).toThrow(expect.objectContaining({ code: 'SCAFFOLD_NO_SPEC' }));
    });
  });

  it('asks for the whole id when two sections share the number', async () => {
    await inTempDir('find-section-', async (dir) => {
      make(dir);
      writeFileSync(join(dir, 'sections', 'adt.usp_Build_Census', '01-copy.feature'), '@proc:adt.[usp_Build%20Census] @lines:3\nFeature: copy\n');
      const config = loadWorkspaceConfig(dir);
      expect(() => findSectionFile(config, 'adt.usp_Build Census/01')).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^more than one section has that number: adt.usp_Build_Census\/01-copy, adt.usp_Build_Census\/01-midnight-census/) }));
    });
  });
});
