import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decodeSource, utf16Head, type SourceFile } from './files';

/*
 * DuckDB reads CSV files as UTF-8. Exports from SQL Server's tools often are not: SSMS saves
 * "Unicode" as UTF-16 with a BOM, older tools and Excel save "ANSI" (Windows-1252). A UTF-16
 * file can even read without an error (its NUL bytes are valid UTF-8) into columns named
 * `K\0`. So an input CSV is read through `withUtf8Csv`: a UTF-16 file (seen in its first bytes)
 * or one DuckDB finds is not UTF-8 is decoded as the SQL sources are (decodeSource) into a
 * UTF-8 copy in a temporary folder, removed afterwards. A UTF-8 file is read as it is, at no cost.
 */

/** DuckDB's words for a file that is not UTF-8. */
const NOT_UTF8 = /not utf-8 encoded|invalid unicode/i;

/** Whether the first bytes of the file say UTF-16 (utf16Head; false when it cannot be read). */
function looksUtf16(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false; // the reader reports what is wrong with the file, as it always did
  }
  try {
    const head = Buffer.alloc(512);
    return utf16Head(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
  } finally {
    closeSync(fd);
  }
}

/** A UTF-8 copy of a CSV in another encoding, and how it was read. */
function utf8Copy(path: string): { readonly path: string; readonly encoding: SourceFile['encoding']; readonly dispose: () => void } {
  const decoded = decodeSource(readFileSync(path), path);
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
  try {
    try {
      return await read(copy?.path ?? path);
    } catch (err) {
      if (copy !== undefined || !NOT_UTF8.test(err instanceof Error ? err.message : String(err))) throw err;
      copy = utf8Copy(path);
      return await read(copy.path);
    }
  } finally {
    copy?.dispose();
  }
}
