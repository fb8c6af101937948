import { isUtf8 } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import { UsageError } from './errors';
import { compareDeployed, sqlProjectOf, type DeployedWhen, type SqlProjectFiles } from './sqlproj';

/** A decoded source file. `encoding` says what was detected, for reports. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'windows-1252';
}

/**
 * Decodes bytes the way SQL Server Management Studio writes them: UTF-8 with or without BOM,
 * UTF-16 LE/BE with BOM, BOM-less UTF-16 LE (detected by NUL high bytes), and the "ANSI"
 * files older tools saved (bytes that are not valid UTF-8 are read as Windows-1252, SQL Server's
 * Latin1 code page, so `Größe` stays one readable identifier). The BOM is dropped; line
 * endings are kept as they are so spans match the editor's view.
 */
export function decodeSource(bytes: Buffer, path = '<input>'): SourceFile {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { path, text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { path, text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { path, text: swapped.toString('utf16le'), encoding: 'utf-16be-bom' };
  }
  if (bytes.length % 2 === 0 && nulsInOddBytes(bytes)) return { path, text: bytes.toString('utf16le'), encoding: 'utf-16le' };
  // Validated, then decoded (both simdutf): a TextDecoder made per file cost analyze ~18 µs a file.
  if (isUtf8(bytes)) return { path, text: bytes.toString('utf8'), encoding: 'utf-8' };
  return { path, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

// Windows-1252's bytes 0x80-0x9F (the rest is Latin-1). Node 20's TextDecoder('windows-1252')
// decodes these as C1 control characters, as Latin-1 does, so `N'€'` became U+0080 and a
// filter on it matched nothing. The five bytes the code page leaves unassigned keep their
// C1 code points, as the WHATWG Encoding Standard maps them.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Bytes in Windows-1252 (SQL Server's Latin1 code page, the "ANSI" of SSMS on Western systems). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] as number));
}

/** BOM-less UTF-16 LE: ASCII text has a NUL in every odd byte (judged on the first 512 bytes). */
function nulsInOddBytes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  let nulOdd = 0;
  for (let i = 1; i < n; i += 2) if (bytes[i] === 0) nulOdd++;
  return n >= 4 && nulOdd > n / 4;
}

/** Whether a file's first bytes say UTF-16, as decodeSource reads them: a UTF-16 BOM, or NULs in most odd bytes. */
export function utf16Head(head: Uint8Array): boolean {
  return (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) || nulsInOddBytes(head);
}

/** Reads and decodes one source file; a missing or unreadable file is a UsageError (exit 2). */
export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError('IO_READ', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      location: { file: path },
      hint: 'check the path and its permissions',
    });
  }
  return decodeSource(bytes, path);
}

/** A Flyway versioned migration's name: `V1__…`, `V1.2__…`, `V1_2__…`; group 1 the version. */
const FLYWAY_VERSION = /^V(\d+(?:[._]\d+)*)__/i;

/**
 * The order scripts run in, by file or folder name: runs of digits compare as numbers and
 * everything else by code unit, so `V2__add.sql` runs before `V10__fix.sql` and `V1.9` before
 * `V1.10`, as Flyway applies versioned migrations (numerically; a plain code-unit sort would put
 * V10 first and take an older ALTER for the one in effect). Names equal that way (`V01`, `V1`)
 * fall back to code units, so the order is total.
 */
export function compareScriptNames(a: string, b: string): number {
  const va = FLYWAY_VERSION.exec(a)?.[1];
  const vb = FLYWAY_VERSION.exec(b)?.[1];
  if (va !== undefined && vb !== undefined) {
    // `V1__` before `V1.1__` before `V1_2__`: the version's parts, a missing part as 0.
    const xa = va.split(/[._]/);
    const xb = vb.split(/[._]/);
    for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
      const d = compareScriptNames(xa[i] ?? '0', xb[i] ?? '0');
      if (d !== 0 && /^\d+$/.test(xa[i] ?? '0') && /^\d+$/.test(xb[i] ?? '0')) return d;
    }
  }
  const runs = /\d+|\D+/g;
  const pa = a.match(runs) ?? [];
  const pb = b.match(runs) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      // Compared as numbers of any length: leading zeros dropped, then the longer is larger.
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    // Compare the rest of the names from here by code unit (a run may be a prefix of the other).
    const ra = pa.slice(i).join('');
    const rb = pb.slice(i).join('');
    return ra < rb ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Expands files and directories (recursively) to the files whose name ends with one of
 * `extensions`, in the order scripts run ({@link compareScriptNames}), so every run sees them
 * in the same order; a .sql file an SSDT project in a folder above it does not deploy is left
 * out (pushed to `notDeployed`). The files of a folder holding an SSDT project come in the order a
 * publish runs them (sqlproj.ts, DeploymentPhase): the pre-deployment script and its `:r`
 * includes, the Build items (in path order), then the post-deployment script and its includes,
 * whatever the folders are called. Missing paths are a UsageError naming the path.
 */
export function listFiles(paths: readonly string[], extensions: readonly string[], notDeployed?: string[]): string[] {
  const out = new Set<string>();
  const wanted = (name: string): boolean => extensions.some((e) => name.toLowerCase().endsWith(e));
  // Under a folder holding an SSDT project, a .sql file the project does not build is never
  // deployed (sqlproj.ts): it is left out (and listed in `notDeployed`), the nearest project deciding.
  const walk = (dir: string, project: SqlProjectFiles | undefined, sink: string[]): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareScriptNames(a.name, b.name));
    const own = sqlProjectOf(dir, entries.filter((e) => e.isFile()).map((e) => e.name));
    const here = own ?? project;
    const files: string[] = own === undefined ? sink : [];
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, here, files);
      else if (entry.isFile() && wanted(entry.name)) {
        if (here !== undefined && entry.name.toLowerCase().endsWith('.sql') && !here.deploys(full)) notDeployed?.push(full);
        else files.push(full);
      }
    }
    if (own === undefined) return;
    // A project's own folder: its files as a publish runs them (a stable sort keeps path order
    // among the Build items, which the deployment plan puts in place as one model).
    const when = new Map(files.map((f) => [f, own.deployedWhen(f)]));
    sink.push(...files.sort((a, b) => compareDeployed(when.get(a) as DeployedWhen, when.get(b) as DeployedWhen)));
  };
  for (const p of paths) {
    if (!existsSync(p)) {
      throw new UsageError('IO_NOT_FOUND', `no such file or directory: ${p}`, { hint: 'pass .sql files or folders that contain them' });
    }
    if (statSync(p).isDirectory()) {
      const found: string[] = [];
      walk(p, undefined, found);
      for (const f of found) out.add(f);
    } else out.add(p);
  }
  return [...out];
}

// Folders this thread has made (or found) for its writes: thousands of reports go into one
// folder, and a mkdir per file was a failing system call per file.
const madeDirs = new Set<string>();
// Temporary names: a prefix drawn once per thread and a counter (a random draw and a pid
// lookup per file cost more than the names are worth); the thread id keeps worker threads of
// one process apart.
const tmpPrefix = `.${process.pid}.${threadId.toString(36)}${randomBytes(3).toString('hex')}`;
let tmpCounter = 0;

function writeThenRename(path: string, tmp: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  try {
    writeFileSync(tmp, content);
  } catch (err) {
    // The folder went away since this thread made it: make it again, once.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content);
  }
  renameSync(tmp, path);
}

/** Writes a file atomically: a temporary sibling, then rename, so readers never see half a file.
 * No fsync: a crash may lose the newest version, never leave a half-written one in its place. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}${tmpPrefix}${(tmpCounter++).toString(36)}.tmp`;
  try {
    writeThenRename(path, tmp, content);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw new UsageError('IO_WRITE', `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { location: { file: path } });
  }
}

const STAMP = /tsql-migrate:generated sha256=([0-9a-f]{16})/;

/** Hash of a generated body; the stamp line itself is excluded so the stamp can carry it. */
function hashBody(body: string): string {
  return createHash('sha256').update(body.replace(/^.*tsql-migrate:generated sha256=[0-9a-f]{16}.*\r?\n/m, '')).digest('hex').slice(0, 16);
}

/**
 * The exact text {@link writeGeneratedFile} writes: the body rendered with the stamp that
 * carries its own hash. `migrate analyze --check` compares files with it without writing.
 */
export function renderGenerated(render: (stamp: string) => string): string {
  const hash = hashBody(render('tsql-migrate:generated sha256=0000000000000000'));
  return render(`tsql-migrate:generated sha256=${hash}`);
}

/** Whether a file's text carries a generated stamp (it was written by a tsql-migrate command). */
export function isGeneratedText(text: string): boolean {
  return STAMP.test(text);
}

/** Result of writing one generated file. */
export type GeneratedWrite = 'created' | 'updated' | 'unchanged' | 'kept-edited';

/**
 * Writes a generated file whose first lines include `stampLine(hash)`. A file already there is
 * replaced only if it still carries a stamp whose hash matches its body, i.e. nobody edited it
 * since we wrote it; otherwise it is kept and 'kept-edited' returned (unless `force`). This is
 * how regenerating never loses a person's edits.
 */
export function writeGeneratedFile(path: string, render: (stamp: string) => string, force = false): GeneratedWrite {
  return writeStamped(path, renderGenerated(render), force);
}

/** Whether the text of a generated file still carries the stamp of its own body (nobody edited it). */
function isPristine(old: string): boolean {
  const m = STAMP.exec(old);
  return m !== null && m[1] === hashBody(old);
}

/** The shared end of both generated writes: leave an identical file alone, keep an edited one
 * (unless `force`), else write atomically. */
function writeStamped(path: string, content: string | Buffer, force: boolean): GeneratedWrite {
  return placeGenerated(path, (old) => (typeof content === 'string' ? old.toString('utf8') === content : old.equals(content)), () => writeFileAtomic(path, content), force);
}

/**
 * The rules of every generated write, whatever puts the new content in place: 'created' where
 * there was no file, 'unchanged' where the file holds the new content already (`same`),
 * 'kept-edited' where someone edited it and `force` is off, else 'updated'. `put` places the
 * content atomically (a write and rename, or the rename of a staged file).
 */
export function placeGenerated(path: string, same: (old: Buffer) => boolean, put: () => void, force: boolean): GeneratedWrite {
  if (!existsSync(path)) {
    put();
    return 'created';
  }
  const old = readFileSync(path);
  if (same(old)) return 'unchanged';
  if (!isPristine(old.toString('utf8')) && !force) return 'kept-edited';
  put();
  return 'updated';
}

const STAMP_PREFIX = Buffer.from('tsql-migrate:generated sha256=', 'latin1');
const PLACEHOLDER_SHAPE = /^tsql-migrate:generated sha256=[0-9a-f]{16}$/;

/** `body` (UTF-8) with every `placeholder` replaced by the stamp carrying the body's hash, in
 * place: the bytes {@link renderGenerated} would give for the same text, without decoding it,
 * building the stamped copy or running the stamp regex over the whole text. Undefined when the
 * stamp line is not plain (the placeholder is not the first stamp, or its line holds a CR or
 * a non-ASCII byte, where the regex's line rules get subtle): the caller then takes the text path. */
function stampBytes(body: Buffer, placeholder: string): Buffer | undefined {
  if (!PLACEHOLDER_SHAPE.test(placeholder)) return undefined;
  const ph = Buffer.from(placeholder, 'latin1');
  const at = body.indexOf(ph);
  if (at < 0 || body.indexOf(STAMP_PREFIX) !== at) return undefined;
  const start = body.lastIndexOf(0x0a, at) + 1;
  const end = body.indexOf(0x0a, at);
  if (end < 0) return undefined;
  for (let i = start; i < end; i++) {
    const b = body[i] as number;
    if (b >= 0x80 || (b === 0x0d && i !== end - 1)) return undefined;
  }
  // hashBody: the text without its stamp line (line break included).
  const hash = createHash('sha256').update(body.subarray(0, start)).update(body.subarray(end + 1)).digest('hex').slice(0, 16);
  for (let p = at; p >= 0; p = body.indexOf(ph, p + ph.length)) body.write(hash, p + STAMP_PREFIX.length, 'latin1');
  return body;
}

/** `bytes` as a Buffer over the same memory (no copy): what Buffer-only APIs need of a Uint8Array. */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * {@link writeGeneratedFile} for a body already encoded as UTF-8 with `placeholder` (a stamp
 * of sixteen hex digits) where the stamp goes: the same file, the same outcome, the same
 * protection of edited files, without the text round trip (thousands of reports are rendered
 * to bytes on worker threads). `body` is stamped in place: the caller gives it up.
 */
export function writeGeneratedBytes(path: string, body: Buffer, placeholder: string, force = false): GeneratedWrite {
  return writeStamped(path, stampGeneratedBytes(body, placeholder), force);
}

/** The content {@link writeGeneratedBytes} writes for `body`: the bytes stamped in place (the
 * caller gives them up), or, where the stamp line is not plain, the text renderGenerated makes. */
export function stampGeneratedBytes(body: Buffer, placeholder: string): Buffer | string {
  const stamped = stampBytes(body, placeholder);
  if (stamped !== undefined) return stamped;
  const text = body.toString('utf8');
  return renderGenerated((stamp) => text.split(placeholder).join(stamp));
}

/** A name for a temporary file in `dir` that no other thread or process picks (see tmpPrefix). */
export function temporaryPath(dir: string): string {
  return `${join(dir, tmpPrefix)}${(tmpCounter++).toString(36)}.tmp`;
}

/** Whether `name` (a file name, no folder) is one of {@link temporaryPath}'s names made by this
 * process: what a run that stopped early leaves behind and removes. */
export function isOwnTemporaryName(name: string): boolean {
  return name.startsWith(`.${process.pid}.`) && name.endsWith('.tmp');
}

/** A path relative to `base` with forward slashes, for stable output across platforms. */
export function displayPath(path: string, base = process.cwd()): string {
  // A relative path under the base is its normalised self (what relative(base, resolve(path))
  // gives, without resolving both for every one of thousands of files).
  if (!isAbsolute(path) && base === process.cwd()) {
    const own = normalize(path).replace(TRAILING_SEP, '');
    if (!own.startsWith('..')) return (own === '' ? '.' : own).split(sep).join('/');
  }
  const rel = relative(base, resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel || '.').split(sep).join('/');
}

const TRAILING_SEP = new RegExp(`(?<=.)${sep === '\\' ? '\\\\' : '/'}+$`);
