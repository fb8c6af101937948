import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

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
  /** When a deployed file runs: {@link DeploymentPhase}, and for a pre- or post-deployment file its place in that script. */
  readonly deployedWhen: (file: string) => DeployedWhen;
}

/**
 * When a publish runs a project's file. SqlPackage runs the pre-deployment script (and every file
 * it `:r`-includes, in the order it includes them), then the deployment plan that puts the Build
 * items' objects in place, then the post-deployment script and its includes (learn.microsoft.com,
 * "Pre-deployment and post-deployment scripts"; a project holds one of each). So an upgrade
 * script a post-deployment script includes ALTERs the object a Build item CREATEs, whatever the
 * folders are called.
 */
export type DeploymentPhase = 'pre-deployment' | 'build' | 'post-deployment';

/** A file's phase and, in the pre- or post-deployment script, its place (0: the script itself, then its includes depth first). */
export interface DeployedWhen {
  readonly phase: DeploymentPhase;
  readonly place: number;
}

const PHASE_RANK: Readonly<Record<DeploymentPhase, number>> = { 'pre-deployment': 0, build: 1, 'post-deployment': 2 };

/** Orders two files of one project as a publish runs them (see {@link DeploymentPhase}); 0 within the Build items, whose order the caller keeps. */
export function compareDeployed(a: DeployedWhen, b: DeployedWhen): number {
  return PHASE_RANK[a.phase] - PHASE_RANK[b.phase] || a.place - b.place;
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
  const preScripts: string[] = [];
  const postScripts: string[] = [];
  for (const m of text.matchAll(ITEM)) {
    const kind = (m[1] as string).toLowerCase();
    const verb = (m[2] as string).toLowerCase();
    // MSBuild decodes %XX escapes in item paths (`Stored%20Procedures`); `;` separates several.
    const patterns = (m[3] as string).split(';').map((p) => p.replace(/%([0-9a-f]{2})/gi, (_s, h: string) => String.fromCharCode(parseInt(h, 16)))).filter((p) => p.trim() !== '');
    if (verb === 'include' && (kind === 'predeploy' || kind === 'postdeploy')) deployScripts.push(...patterns);
    if (verb === 'include' && kind === 'predeploy') preScripts.push(...patterns);
    if (verb === 'include' && kind === 'postdeploy') postScripts.push(...patterns);
    if (verb === 'remove' && kind === 'build') removed.push(...patterns.map(globRegex));
    else if (verb === 'include' && kind !== 'none') included.push(...patterns.map(globRegex));
    else if (verb === 'include' && kind === 'none' && sdkStyle) removed.push(...patterns.map(globRegex));
  }
  const rel = (file: string): string => relative(dir, file).split(sep).join('/');
  const includedByScripts = sqlcmdIncludes(dir, deployScripts);
  // The post-deployment script's files after the pre-deployment one's: a file both include runs
  // twice, and its last run (post-deployment) is what stays.
  const phases = new Map<string, DeployedWhen>();
  for (const [phase, scripts] of [['pre-deployment', preScripts], ['post-deployment', postScripts]] as const) {
    scriptOrder(dir, scripts).forEach((file, place) => phases.set(file, { phase, place }));
  }
  const deployedWhen = (file: string): DeployedWhen => phases.get(rel(file).toLowerCase()) ?? { phase: 'build', place: 0 };
  if (sdkStyle) {
    return { deployedWhen, deploys: (file) => { const r = rel(file); return includedByScripts.has(r.toLowerCase()) || included.some((g) => g.test(r)) || !removed.some((g) => g.test(r)); } };
  }
  return { deployedWhen, deploys: (file) => { const r = rel(file); return includedByScripts.has(r.toLowerCase()) || (included.some((g) => g.test(r)) && !removed.some((g) => g.test(r))); } };
}

/** A project path as sqlcmdIncludes keys it: `/`-separated, no leading `./`. */
const projectPath = (p: string): string => p.trim().replace(/\\/g, '/').replace(/^\.\//, '');

/**
 * The files (keys as sqlcmdIncludes gives them) of a pre- or post-deployment script in the order
 * they run: the script, then each `:r` include where it stands, its own includes before the next
 * (sqlcmd pastes an included file in place of its `:r` line). A script's statements around an
 * include run around it; a file is placed at its first include.
 */
function scriptOrder(dir: string, scripts: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (script: string): void => {
    const key = script.toLowerCase();
    if (seen.has(key) || seen.size >= 1000) return;
    seen.add(key);
    out.push(key);
    for (const target of includesOf(dir, script)) visit(target);
  };
  for (const s of scripts) if (!/[*?]/.test(s)) visit(projectPath(s));
  return out;
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
  const todo = scripts.filter((p) => !/[*?]/.test(p)).map(projectPath);
  for (let i = 0; i < todo.length && i < 1000; i++) {
    for (const target of includesOf(dir, todo[i] as string)) {
      if (out.has(target.toLowerCase())) continue;
      out.add(target.toLowerCase());
      todo.push(target);
    }
  }
  return out;
}

/** The project paths a script (a project path) includes with `:r`, in the order written; none when it cannot be read. */
function includesOf(dir: string, script: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, script), 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of text.matchAll(SQLCMD_INCLUDE)) {
    const path = (m[1] ?? m[2] ?? '').replace(/\\/g, '/');
    if (path.includes('$(') || path.startsWith('/') || /^[a-z]:/i.test(path)) continue;
    const target = relative(dir, join(dir, dirname(script), path)).split(sep).join('/');
    if (!target.startsWith('../')) out.push(target);
  }
  return out;
}

/** The project of a folder: its one `.sqlproj` file, read; undefined without one (or with several). */
export function sqlProjectOf(dir: string, names: readonly string[]): SqlProjectFiles | undefined {
  const projects = names.filter((n) => n.toLowerCase().endsWith('.sqlproj'));
  return projects.length === 1 ? readSqlProject(join(dir, projects[0] as string), dir) : undefined;
}

/**
 * When a publish runs `file` (a path as the process reads it): as the nearest folder above it
 * holding one `.sqlproj` says ({@link DeployedWhen}); undefined outside a project. For the few
 * messages that must say which phase a file is in, so it reads the folders again each time.
 */
export function deployedWhenOf(file: string): DeployedWhen | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    const project = sqlProjectOf(dir, names);
    if (project !== undefined) return project.deployedWhen(resolve(file));
    if (dirname(dir) === dir) return undefined;
  }
}
