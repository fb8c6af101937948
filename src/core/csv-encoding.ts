import { mkdtempSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decodeSource, decodeWindows1252, utf16Head, type SourceFile } from './files';
import { mixedLineEndingsError } from './csv-line-endings';
import { sqlcmdRows } from './sqlcmd-output';
import { withOpenFile } from './open-file';

/*
 * DuckDB reads CSV files as UTF-8. Exports from SQL Server's tools often are not: SSMS saves
 * "Unicode" as UTF-16 with a BOM, older tools and Excel save "ANSI" (Windows-1252). A UTF-16
 * file can even read without an error (its NUL bytes are valid UTF-8) into columns named
 * `K\0`. So an input CSV is read through `withUtf8Csv`: a UTF-16 file (seen in its first bytes)
 * or one DuckDB finds is not UTF-8 is decoded as the SQL sources are (decodeSource) into a
 * UTF-8 copy in a temporary folder, removed afterwards. A UTF-8 file is read as it is, at no cost.
 * sqlcmd's frame around the rows (sqlcmd-output.ts) is left out the same way.
 */

/** DuckDB's words for a file that is not UTF-8. */
const NOT_UTF8 = /not utf-8 encoded|invalid unicode/i;

/** Whether a DuckDB error says a CSV is not UTF-8. */
export function isNotUtf8Error(err: unknown): boolean {
  return NOT_UTF8.test(err instanceof Error ? err.message : String(err));
}

/** Whether the first bytes of the file say UTF-16 (utf16Head; false when it cannot be read). */
function looksUtf16(path: string): boolean {
  return withOpenFile(path, (fd) => {
    const head = Buffer.alloc(512);
    return utf16Head(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
  }, false);
}

/** Names people give Windows-1252, the "ANSI" code page of SSMS and Excel on Western systems
 * (DuckDB reads only UTF-8, UTF-16 and Latin-1, which refuses the bytes 0x80-0x9F: € and curly quotes). */
export function isWindows1252Name(encoding: string | undefined): boolean {
  return encoding !== undefined && /^(windows-?1252|cp-?1252|win-?1252|ansi)$/i.test(encoding.trim());
}

/** A UTF-8 copy of a CSV in another encoding, and how it was read. */
export interface Utf8Copy {
  readonly path: string;
  readonly encoding: SourceFile['encoding'];
  /** Removes the copy and its folder. */
  readonly dispose: () => void;
}

/**
 * A UTF-8 copy of the CSV `path` in a temporary folder: decoded as Windows-1252 when `windows1252`
 * says so, else as decodeSource reads it (BOM, UTF-16, UTF-8, or Windows-1252 when not UTF-8).
 */
export function utf8Copy(path: string, windows1252 = false): Utf8Copy {
  const bytes = readFileSync(path);
  const decoded: Pick<SourceFile, 'text' | 'encoding'> = windows1252 ? { text: decodeWindows1252(bytes), encoding: 'windows-1252' } : decodeSource(bytes, path);
  const dir = mkdtempSync(join(tmpdir(), 'tsql-migrate-csv-'));
  const copy = join(dir, basename(path));
  writeFileSync(copy, decoded.text, 'utf8');
  return { path: copy, encoding: decoded.encoding, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `read` on a path DuckDB can read the CSV `path` from as UTF-8: the file itself, or a
 * UTF-8 copy when the file is UTF-16 or DuckDB finds it is not UTF-8 (then `read` runs again).
 */
export async function withUtf8Csv<T>(path: string, read: (utf8Path: string) => Promise<T>): Promise<T> {
  if (path.toLowerCase().endsWith('.parquet')) return read(path);
  let copy = looksUtf16(path) ? utf8Copy(path) : undefined;
  // An sqlcmd export is read without its frame (sqlcmd-output.ts): the rows are the table.
  let rows = sqlcmdRows(copy?.path ?? path, 'the input', path);
  try {
    try {
      return await read(rows?.path ?? copy?.path ?? path);
    } catch (err) {
      const lineEndings = mixedLineEndingsError(err, path);
      if (lineEndings !== undefined) throw lineEndings;
      if (copy !== undefined || !NOT_UTF8.test(err instanceof Error ? err.message : String(err))) throw err;
      copy = utf8Copy(path);
      rows?.dispose();
      rows = sqlcmdRows(copy.path, 'the input', path);
      return await read(rows?.path ?? copy.path);
    }
  } finally {
    rows?.dispose();
    copy?.dispose();
  }
}
