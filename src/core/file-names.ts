import { createHash } from 'node:crypto';

// File names made from SQL Server object names: analyze's reports (`<stem>.md`, `.mmd`,
// `.json`, `.svg`) and capture's baselines (`<stem>.csv`). Object names come from SQL Server, where an identifier in brackets may hold any character (NUL, newlines, `/`),
// be 128 characters of 4-byte UTF-8, or be a Windows device name; the stem must still be a
// valid, distinct file name on Linux, macOS and Windows, and stay readable when nothing needs
// changing (`dbo.usp_load` -> `dbo.usp_load.md`, as before).

/** Bytes a stem may take: 255 (a file name's limit) less the longest extension (`.json`) and
 * the temporary sibling an atomic write uses (`.<pid>.<8 hex>.tmp`), with room to spare. */
export const MAX_STEM_BYTES = 160;
const HASH_CHARS = 8;

/** Windows device names: `CON`, `con.txt` and `CON .x.md` all open the device, not a file. */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Characters no file name may hold on one of the systems: Windows' reserved punctuation, the
 * path separators, C0 and C1 control characters (NUL among them) and lone UTF-16 surrogates
 * (not encodable as a file name). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hashOf(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_CHARS);
}

/** Cuts `text` to at most `bytes` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * The file stem for one object name, on its own: the name itself when it is already a safe file
 * name; otherwise the name with every unsafe character replaced by `_` (a Windows device name
 * as first part gets a `_` appended, a leading dot or trailing dots and spaces become `_`), cut
 * to MAX_STEM_BYTES, and followed by `~` and 8 hex digits of the original name's SHA-256, so two
 * names that read alike after cleaning still get different stems.
 */
export function safeFileStem(name: string): string {
  let stem = name.replace(UNSAFE, '_');
  stem = stem.replace(/^[^.]*/, (first) => (DEVICE.test(first.replace(/[ .]+$/, '')) ? `${first}_` : first));
  stem = stem.replace(/^\./, '_').replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  if (stem === '') stem = '_';
  if (stem === name && Buffer.byteLength(stem, 'utf8') <= MAX_STEM_BYTES) return stem;
  const kept = cutToBytes(stem, MAX_STEM_BYTES - HASH_CHARS - 1).replace(/[. ]+$/, '');
  return `${kept}~${hashOf(name)}`;
}

/** How a case-insensitive file system (Windows, macOS) compares two names. */
export function fileNameKey(stem: string): string {
  return stem.normalize('NFC').toUpperCase().toLowerCase();
}

/**
 * The file stems for a list of object names (one per file, in the order given; a name may occur
 * twice, e.g. an object defined in two files): each is `safeFileStem` of its name, and a stem
 * that a case-insensitive file system would confuse with an earlier one (or with one of
 * `reserved`, by default `index`, analyze's index report) gets `~2`, `~3`, … so every file is
 * its own on every system. The same list always gets the same stems.
 */
export function assignFileStems(names: readonly string[], reserved: readonly string[] = ['index']): string[] {
  const taken = new Set<string>(reserved.map(fileNameKey));
  return names.map((name) => {
    const base = safeFileStem(name);
    let stem = base;
    for (let n = 2; taken.has(fileNameKey(stem)); n++) stem = `${base}~${n}`;
    taken.add(fileNameKey(stem));
    return stem;
  });
}

/** A relative link to `<stem><ext>` for Markdown: every character a URL or a Markdown link
 * target would read specially (`#`, `?`, `%`, spaces, parentheses) is percent-encoded. */
export function fileHref(stem: string, ext: string): string {
  return encodeURIComponent(`${stem}${ext}`).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
