// How section specs write SQL Server names. One rule everywhere a spec holds a name:
//
// - Steps, table headers, `keyed by` lists and CSV headers write a name as T-SQL does: each part
//   bare when it is a regular identifier (a letter, `_`, `@` or `#`, then letters, digits, `_`,
//   `@`, `#`, `$`; not a reserved word), otherwise in brackets with `]` doubled:
//   `Dimension.[Stock Item]`, `[WWI City ID]`, `[Order]`, `Reporting.[City]]Totals.v2]`.
// - Tags cannot hold whitespace, and Gherkin starts a new tag at every `@`, so a tag value is
//   the same text with `%`, `@` and whitespace percent-encoded (UTF-8, as in URLs):
//   `@output:Integration.[ETL%20Cutoff]`, `@output:%40Totals`, `@entity:[WWI%20City%20ID]`.
//
// Reading is lenient (bare parts may hold inner spaces, double quotes work as in T-SQL), writing
// is canonical, and render -> parse gives back the parts exactly. Matching is case-insensitive.
import { isRegularIdentifier, localNameParts, quoteNamePart, tokenize } from '../tsql';

// name parts as T-SQL writes them (src/tsql/names.ts), re-exported for the sections' callers
export { isRegularIdentifier, quoteNamePart };

/** A multi-part name as specs write it: `['Dimension', 'Stock Item']` -> `Dimension.[Stock Item]`. */
export function formatSpecName(parts: readonly string[]): string {
  return parts.map((p) => (p === '' ? '' : quoteNamePart(p))).join('.');
}

/**
 * A procedure's name as `sections check` and the specs write it, brackets only where T-SQL needs
 * them, from one written with bare parts (a capture manifest's displayName, a baseline folder:
 * `Treasury.usp_Close Recon` -> `Treasury.[usp_Close Recon]`). The text itself when it reads as no name.
 */
export function readableProcedureName(name: string): string {
  const parts = parseSpecName(name);
  return parts === undefined ? name : formatSpecName(parts);
}

/** Reads one part at `text[i]`: bracketed, double-quoted or bare. Returns the part and the end offset. */
function readPart(text: string, i: number, bareStop: RegExp): { part: string; end: number } | undefined {
  const open = text[i];
  if (open === '[' || open === '"') {
    const close = open === '[' ? ']' : '"';
    let part = '';
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] !== close) { part += text[j]; continue; }
      if (text[j + 1] === close) { part += close; j++; continue; }
      return { part, end: j + 1 };
    }
    return undefined; // unterminated
  }
  let j = i;
  while (j < text.length && !bareStop.test(text[j] as string)) j++;
  return { part: text.slice(i, j).trim(), end: j };
}

/**
 * The parts of a name written in a spec (`Dimension.[Stock Item]` -> `['Dimension', 'Stock Item']`),
 * or undefined when it is not a name (unbalanced brackets, text after a bracket). An empty
 * middle part (`db..t`) is kept as `''`.
 */
export function parseSpecName(text: string): string[] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    while (t[i] === ' ') i++;
    const read = readPart(t, i, /[.[\]"]/);
    if (!read) return undefined;
    parts.push(read.part);
    i = read.end;
    while (t[i] === ' ') i++;
    if (i >= t.length) break;
    if (t[i] !== '.') return undefined;
    i++;
  }
  if (parts[parts.length - 1] === '' || parts[0] === '') return undefined;
  return parts;
}

/** The case-insensitive key of parts: lower case, default schema `dbo` for one-part permanent
 * names, `[$(DatabaseName)].s.t` as `s.t` (the database itself, as the analysis keys it). */
export function nameKeyOfParts(parts: readonly string[], defaultSchema = 'dbo'): string {
  const lower = localNameParts(parts).map((p) => p.toLowerCase());
  const base = lower[lower.length - 1] ?? '';
  if (lower.length <= 1) return base.startsWith('#') || base.startsWith('@') ? base : `${defaultSchema}.${base}`;
  const schema = lower[lower.length - 2] || defaultSchema;
  return [...lower.slice(0, -2), schema, base].join('.');
}

/**
 * The lookup key of a name a spec writes: brackets removed, lower case, `dbo` for a one-part
 * permanent table (`Dimension.[Stock Item]` -> `dimension.stock item`, `[#City Changes]` ->
 * `#city changes`), the same key the dataflow contract gives the table, and the key of that
 * contract name itself.
 */
export function specNameKey(text: string): string {
  const parts = parseSpecName(text);
  if (parts) return nameKeyOfParts(parts);
  // Not a spec name: a normalised graph name (`reporting.city]totals.v2`, brackets already
  // removed) is its own key; lower-casing keeps it comparable with the parsed form.
  const clean = text.trim().toLowerCase();
  return clean.startsWith('#') || clean.startsWith('@') || clean.includes('.') ? clean : `dbo.${clean}`;
}

/** A name as specs write it, from a name as a person wrote it (`Dimension.Stock Item` stays a two-part name). */
export function canonicalSpecName(text: string): string {
  const parts = parseSpecName(text);
  return parts ? formatSpecName(parts) : text;
}

/** The name without brackets, parts joined by dots: for file names of data and outputs. */
export function plainName(text: string): string {
  return (parseSpecName(text) ?? [text]).join('.');
}

/** Percent-encodes what a Gherkin tag cannot hold: `%`, `@`, whitespace and control characters. */
export function encodeTagValue(text: string): string {
  return text.replace(/[%@\s\p{Cc}]/gu, (c) => encodeURIComponent(c));
}

/** Decodes `%XX` sequences (UTF-8) of a tag value; a malformed sequence is kept as written. */
export function decodeTagValue(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Splits a comma-separated list of names, ignoring commas inside brackets or double quotes. */
export function splitNameList(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let close: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (close) {
      current += c;
      if (c === close) {
        if (text[i + 1] === close) { current += close; i++; } else close = undefined;
      }
    } else if (c === '[' || c === '"') { close = c === '[' ? ']' : '"'; current += c; }
    else if (c === ',') { out.push(current.trim()); current = ''; }
    else current += c;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

/** The regular expression source of a (multi-part) name inside a step sentence. */
export const SPEC_NAME_SOURCE = String.raw`(?:\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^\s.[\]":,]+)(?:\.(?:\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^\s.[\]":,]*))*`;

/** A header cell `Name:type` or `[Odd Name]:type`: the column name (unquoted) and the type text. */
export function parseHeaderCell(cell: string): { name: string; type: string | undefined } | undefined {
  const t = cell.trim();
  if (t.startsWith('[') || t.startsWith('"')) {
    const read = readPart(t, 0, /$^/);
    if (!read) return undefined;
    const rest = t.slice(read.end).trim();
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    const type = rest.slice(1).trim();
    return { name: read.part, type: rest === '' || type === '' ? undefined : type };
  }
  const at = t.indexOf(':');
  const name = (at < 0 ? t : t.slice(0, at)).trim();
  const type = at < 0 ? undefined : t.slice(at + 1).trim() || undefined;
  return { name, type };
}

/**
 * A header cell as specs write it: `[WWI City ID]:int`. Gherkin reads `\\` and `\|` in a cell as
 * `\` and `|`, so those are escaped for names that hold them.
 */
export function formatHeaderCell(name: string, type: string): string {
  return `${quoteNamePart(name)}:${type}`.replace(/[\\|]/g, '\\$&');
}

/** One column name in a `keyed by` list or message: the part unquoted (`[Order]` -> `Order`). */
export function unquoteNamePart(text: string): string {
  const parts = parseSpecName(text);
  return parts && parts.length === 1 ? (parts[0] as string) : text.trim();
}

/**
 * A readable, safe file-name slug of a table name: the last part, without `#`/`@` and the
 * `usp_`/`tmp_`/`tbl_` prefixes, words split at case changes, lower case, letters and digits of
 * any script kept, everything else one `-` (`Dimension.[Stock Item]` -> `stock-item`,
 * `[Größe]` -> `größe`, `Reporting.[City]]Totals.v2]` -> `city-totals-v2`); `section` when
 * nothing is left.
 */
export function slugOfName(name: string): string {
  const parts = parseSpecName(name) ?? [name.replace(/^.*\./, '')];
  const base = (parts[parts.length - 1] ?? '').replace(/^[#@]+/, '').replace(/^(usp|sp|tmp|tbl)_/i, '');
  const slug = base.replace(/(\p{Ll}|\p{Nd})(\p{Lu})/gu, '$1-$2').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return [...slug].slice(0, 48).join('').replace(/-+$/, '') || 'section';
}

/**
 * The folder of a procedure's specs under sections/: its parts joined by dots, each with
 * whitespace and the characters file systems or shells trip on (`\/:*?"<>|[]` and control
 * characters) as `_`, never ending in a dot (`Integration.[Load Stock Item]` ->
 * `Integration.Load_Stock_Item`). Plain names (`dbo.usp_CountEntityLetters`) stay as they are.
 */
export function procedureFolderOf(parts: readonly string[]): string {
  return parts.filter((p) => p !== '').map((p) => p.replace(/[\s\\/:*?"<>|[\]\p{Cc}]/gu, '_').replace(/\.+$/, (m) => '_'.repeat(m.length))).join('.');
}

/**
 * Whether two spellings name one procedure: as T-SQL writes it (brackets or not, any case) or as
 * its specs' folder (`wms.usp_Build_Wave` for `wms.[usp_Build Wave]`), which commands take and
 * which names the baseline folders, acceptance configs and results a workspace keeps.
 */
export function sameProcedureName(a: string, b: string): boolean {
  const folder = (n: string): string => procedureFolderOf(parseSpecName(n) ?? [n]).toLowerCase();
  return specNameKey(a) === specNameKey(b) || folder(a) === folder(b);
}

/**
 * A section id as its folder under sections/ names it, from one whose procedure part is written
 * as T-SQL writes the procedure, which commands take for a procedure (`Kunden.[usp_KPI je
 * Kunde]/01-umsatz`, or without brackets `Kunden.usp_KPI je Kunde/01-umsatz` ->
 * `Kunden.usp_KPI_je_Kunde/01-umsatz`). An id already in that form comes back unchanged.
 */
export function sectionIdOfWritten(section: string): string {
  const at = section.replace(/\\/g, '/').lastIndexOf('/');
  if (at <= 0) return section;
  const parts = parseSpecName(section.slice(0, at));
  if (parts === undefined) return section;
  return `${procedureFolderOf(parts.length === 1 ? ['dbo', ...parts] : parts)}/${section.slice(at + 1)}`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The spelling of one name part (a column, a variable) as first written in the source's code:
 * inside brackets (`[WWI City ID]`, `]]` read as `]`) or bare (`EntityId`); the name itself when
 * absent. Comments and string literals are not code: a header comment's "5 weeks" is no
 * spelling of the column Weeks.
 */
export function partSpellingIn(source: string, part: string): string {
  const code = codeOf(source);
  const bracketed = new RegExp(`\\[${escapeRegExp(part.replace(/]/g, ']]'))}\\]`, 'iu').exec(code);
  if (bracketed) return bracketed[0].slice(1, -1).replace(/]]/g, ']');
  const bare = new RegExp(`(?<![\\p{L}\\p{N}_@#$])${escapeRegExp(part)}(?![\\p{L}\\p{N}_@#$])`, 'iu').exec(code);
  return bare ? bare[0] : part;
}

let lastSource: string | undefined;
let lastCode = '';

/** The source with its comments and string literals blanked, as the T-SQL lexer reads them; bracketed and quoted names kept. */
function codeOf(source: string): string {
  if (source === lastSource) return lastCode;
  const out = tokenize(source).map((t) => (t.kind === 'comment' || t.kind === 'string' ? ' ' : t.text)).join('');
  lastSource = source;
  lastCode = out;
  return out;
}
