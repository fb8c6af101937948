import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Which .sql files under an SSDT project's folder the project deploys. A classic `.sqlproj`
 * (no `Sdk` attribute) deploys exactly its `<Build Include="…">` items, plus its
 * `<PreDeploy>`/`<PostDeploy>` scripts; a file on disk it does not list (an old copy kept "for
 * reference", a `<None Include>`) is never deployed, so reading it would make a stale CREATE the
 * definition in effect. An SDK-style project (`<Project Sdk="Microsoft.Build.Sql/…">`) builds
 * every .sql file under its folder except those a `<Build Remove="…">` removes (globs allowed)
 * and those it lists as `<None Include>`, pre- or post-deployment scripts staying in. Either
 * way a file a pre- or post-deployment script includes with SQLCMD's `:r` (`:r .\Seed\Depots.sql`,
 * SSDT's way to split the seed data, each a `<None>` item) is deployed too: the build copies it
 * into the script.
 * `undefined` when the text is no project this understands (every file is read, as before).
 */
export interface SqlProjectFiles {
  /** Whether the file (absolute or relative to the process) under the project folder is deployed. */
  readonly deploys: (file: string) => boolean;
}

const ITEM = /<(Build|PreDeploy|PostDeploy|None)\b[^>]*?\b(Include|Remove)\s*=\s*"([^"]*)"/gi;

/** A project path (`Sales\Stored Procedures\*.sql`, `**\Old\**`) as a case-insensitive regex of
 * `/`-separated relative paths (Windows file names ignore case, and projects are written there). */
function globRegex(pattern: string): RegExp {
  const path = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  let re = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '*' && path[i + 1] === '*') {
      // `**/` matches any number of folders, `**` at the end anything
      if (path[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Reads the project file `projectFile` (in folder `dir`); see {@link SqlProjectFiles}. */
export function readSqlProject(projectFile: string, dir: string): SqlProjectFiles | undefined {
  let text: string;
  try {
    text = readFileSync(projectFile, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const project = /<Project\b([^>]*)>/i.exec(text);
  if (project === null) return undefined;
  const sdkStyle = /\bSdk\s*=/i.test(project[1] ?? '') || /<Sdk\b[^>]*\bName\s*=/i.test(text);
  const included: RegExp[] = [];
  const removed: RegExp[] = [];
  const deployScripts: string[] = [];
  for (const m of text.matchAll(ITEM)) {
    const kind = (m[1] as string).toLowerCase();
    const verb = (m[2] as string).toLowerCase();
    // MSBuild decodes %XX escapes in item paths (`Stored%20Procedures`); `;` separates several.
    const patterns = (m[3] as string).split(';').map((p) => p.replace(/%([0-9a-f]{2})/gi, (_s, h: string) => String.fromCharCode(parseInt(h, 16)))).filter((p) => p.trim() !== '');
    if (verb === 'include' && (kind === 'predeploy' || kind === 'postdeploy')) deployScripts.push(...patterns);
    if (verb === 'remove' && kind === 'build') removed.push(...patterns.map(globRegex));
    else if (verb === 'include' && kind !== 'none') included.push(...patterns.map(globRegex));
    else if (verb === 'include' && kind === 'none' && sdkStyle) removed.push(...patterns.map(globRegex));
  }
  const rel = (file: string): string => relative(dir, file).split(sep).join('/');
  const includedByScripts = sqlcmdIncludes(dir, deployScripts);
  if (sdkStyle) {
    return { deploys: (file) => { const r = rel(file); return includedByScripts.has(r.toLowerCase()) || included.some((g) => g.test(r)) || !removed.some((g) => g.test(r)); } };
  }
  return { deploys: (file) => { const r = rel(file); return includedByScripts.has(r.toLowerCase()) || (included.some((g) => g.test(r)) && !removed.some((g) => g.test(r))); } };
}

/** `:r <file>` at the start of a line; the path may be quoted. */
const SQLCMD_INCLUDE = /^[ \t]*:r[ \t]+(?:"([^"]+)"|(\S+))/gim;

/**
 * The files (project-relative, `/`-separated, lower case: Windows names ignore case) that the
 * deployment scripts `scripts` (project paths) include with `:r`, and those files' own `:r`s.
 * sqlcmd resolves a relative path against the including script's folder; a path holding a
 * SQLCMD variable (`$(SeedDir)`) is known only at publish time and is left alone.
 */
function sqlcmdIncludes(dir: string, scripts: readonly string[]): Set<string> {
  const out = new Set<string>();
  const todo = scripts.filter((p) => !/[*?]/.test(p)).map((p) => p.trim().replace(/\\/g, '/').replace(/^\.\//, ''));
  for (let i = 0; i < todo.length && i < 1000; i++) {
    const script = todo[i] as string;
    let text: string;
    try {
      text = readFileSync(join(dir, script), 'utf8').replace(/^\uFEFF/, '');
    } catch {
      continue;
    }
    for (const m of text.matchAll(SQLCMD_INCLUDE)) {
      const path = (m[1] ?? m[2] ?? '').replace(/\\/g, '/');
      if (path.includes('$(') || path.startsWith('/') || /^[a-z]:/i.test(path)) continue;
      const target = relative(dir, join(dir, dirname(script), path)).split(sep).join('/');
      if (target.startsWith('../') || out.has(target.toLowerCase())) continue;
      out.add(target.toLowerCase());
      todo.push(target);
    }
  }
  return out;
}

/** The project of a folder: its one `.sqlproj` file, read; undefined without one (or with several). */
export function sqlProjectOf(dir: string, names: readonly string[]): SqlProjectFiles | undefined {
  const projects = names.filter((n) => n.toLowerCase().endsWith('.sqlproj'));
  return projects.length === 1 ? readSqlProject(join(dir, projects[0] as string), dir) : undefined;
}
