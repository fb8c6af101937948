import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFiles, MigrateError } from '../core';
import { sectionIdOf } from './spec-model';
import { sectionIdOfWritten } from './spec-names';
import type { WorkspaceConfig } from './workspace-config';

/**
 * How a user names one section on the command line (record, scaffold): its id in any case
 * (`dbo.usp_X/01-slug`), the id with the procedure as T-SQL writes it (`adt.[usp_Build
 * Census]/01-midnight-census`), the procedure and the section's number alone (`dbo.usp_X/01`,
 * `adt.usp_Build Census/1`: numbers are unique per procedure, propose writes them), or the path
 * of its .feature, with or without the extension.
 */
export function findSectionFile(config: WorkspaceConfig, section: string, notFound: (message: string, hint: string) => MigrateError): string {
  if (section.endsWith('.feature') && existsSync(section)) return resolve(section);
  for (const file of [`${section}.feature`, join(config.root, `${section}.feature`), join(config.root, config.paths.sections, `${section}.feature`)]) {
    if (!section.endsWith('.feature') && existsSync(file)) return resolve(file);
  }
  const dir = join(config.root, config.paths.sections);
  const files = existsSync(dir) ? listFiles([dir], ['.feature']) : [];
  const given = section.replace(/\\/g, '/').replace(/\.feature$/, '');
  const wanted = [given.toLowerCase(), sectionIdOfWritten(given).toLowerCase()];
  const found = files.find((f) => wanted.includes(sectionIdOf(f).toLowerCase()));
  if (found !== undefined) return found;
  const numbered = files.filter((f) => sectionNumberMatches(given, sectionIdOf(f)));
  if (numbered.length === 1) return numbered[0] as string;
  const folder = procedureFolderOf(given);
  const siblings = files.map(sectionIdOf).filter((id) => folder !== undefined && id.toLowerCase().startsWith(`${folder}/`)).sort();
  const example = files[0] ? sectionIdOf(files[0]) : 'dbo.usp_CountEntityLetters/01-count-letters';
  const hint = numbered.length > 1
    ? `more than one section has that number: ${numbered.map(sectionIdOf).sort().join(', ')}; give the whole id`
    : siblings.length > 0
      ? `the sections of that procedure: ${siblings.join(', ')}`
      : `sections are named <schema>.<proc>/<nn>-<slug> (or <schema>.<proc>/<nn>), e.g. ${example}`;
  throw notFound(`no section ${section} under ${config.paths.sections}/`, hint);
}

/** The procedure folder a given `<proc>/<anything>` names (lower case), as written or as the folder is spelled. */
function procedureFolderOf(given: string): string | undefined {
  const at = given.lastIndexOf('/');
  if (at <= 0) return undefined;
  const written = sectionIdOfWritten(given);
  return written.slice(0, written.lastIndexOf('/')).toLowerCase();
}

/** `dbo.usp_X/01` (or `/1`) against an id `dbo.usp_X/01-slug`: the same procedure folder and section number. */
export function sectionNumberMatches(given: string, id: string): boolean {
  const m = /^(.+)\/(\d+)$/.exec(given.replace(/\\/g, '/'));
  if (m === null) return false;
  const at = id.lastIndexOf('/');
  const number = /^(\d+)-/.exec(id.slice(at + 1));
  if (number === null || Number(number[1]) !== Number(m[2])) return false;
  const folder = id.slice(0, at).toLowerCase();
  return (m[1] as string).toLowerCase() === folder || procedureFolderOf(given) === folder;
}
