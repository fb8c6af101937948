import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EngineError } from './errors';
import { withOpenFile } from './open-file';

/*
 * `sqlcmd -s"," -W -Q "SELECT …" -o out.csv` is how many teams export a table in a script. Its
 * file is a CSV with a frame around the rows: a line of dashes under the header (one run per
 * column, joined by the column separator) and, unless the query ran under SET NOCOUNT ON, a
 * blank line and `(N rows affected)` after the last row. Read as a CSV, the dashes are a row and
 * the trailer a ragged line. The frame is found in the file's first and last bytes, and the rows
 * are read through a copy without it; the trailer's count is checked against the rows.
 */

/** Where the frame of an sqlcmd export lies in its bytes. */
export interface SqlcmdFrame {
  /** The header line, its line end included. */
  readonly header: Buffer;
  /** Byte offsets of the rows: after the line of dashes, up to the blank line before the trailer (or the end). */
  readonly rowsStart: number;
  readonly rowsEnd: number;
  /** N of the `(N rows affected)` line, when there is one. */
  readonly affected: number | undefined;
  /** Whether the values are padded with blanks to the width of their dashes (sqlcmd without -W). */
  readonly padded: boolean;
}

const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 4096;

/** The sqlcmd frame of the CSV at `path`, or undefined when the file is not framed so (or cannot be read). */
export function sqlcmdFrame(path: string): SqlcmdFrame | undefined {
  return withOpenFile(path, (fd) => frameOf(fd), undefined);
}

/** The frame read from an open file's first and last bytes. */
function frameOf(fd: number): SqlcmdFrame | undefined {
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  readSync(fd, head, 0, head.length, 0);
  const first = lineEnd(head, 0);
  const second = first === undefined ? undefined : lineEnd(head, first);
  if (first === undefined || second === undefined) return undefined;
  const headerText = head.subarray(0, first).toString('utf8').replace(/\r?\n$/, '');
  const dashes = head.subarray(first, second).toString('latin1').replace(/\r?\n$/, '');
  const runs = dashRuns(dashes);
  if (runs === undefined) return undefined;
  // one run per header field (a single run: one column, no separator to split by)
  if (runs.separator !== undefined && headerText.split(runs.separator).length !== runs.widths.length) return undefined;
  const tailStart = Math.max(second, size - TAIL_BYTES);
  const tail = Buffer.alloc(size - tailStart);
  readSync(fd, tail, 0, tail.length, tailStart);
  // A blank line, then `(3 rows affected)` (`(1 row affected)`; older tools `(3 row(s) affected)`), at the very end.
  const trailer = /(?:\r?\n)+\((\d+) rows?(?:\(s\))? affected\)\s*$/.exec(tail.toString('latin1'));
  const third = lineEnd(head, second);
  const row = third === undefined ? '' : head.subarray(second, third).toString('utf8').replace(/\r?\n$/, '');
  const end = trailer === null ? size : tailStart + trailer.index;
  return {
    header: head.subarray(0, first),
    rowsStart: second,
    // the last row keeps its line end; with no rows, nothing is left
    rowsEnd: trailer === null || end === second ? end : end + lineBreakLength(tail, trailer.index),
    affected: trailer === null ? undefined : Number(trailer[1]),
    padded: [headerText, row].some((line) => paddedToWidths(line, runs)),
  };
}

/** A copy of an sqlcmd export without its frame (header kept), in a temporary folder. */
export interface UnframedCopy {
  readonly path: string;
  /** Lines of rows copied (a last row without a line end counts). */
  readonly rows: number;
  readonly dispose: () => void;
}

/** Writes the header and the rows of `path` (its frame left out) to a temporary copy, in chunks. */
export function unframedCopy(path: string, frame: SqlcmdFrame): UnframedCopy {
  const dir = mkdtempSync(join(tmpdir(), 'tsql-migrate-sqlcmd-'));
  const copy = join(dir, basename(path));
  const from = openSync(path, 'r');
  const to = openSync(copy, 'w');
  let rows = 0;
  try {
    writeSync(to, frame.header);
    const chunk = Buffer.alloc(1024 * 1024);
    let last = 0x0a;
    for (let at = frame.rowsStart; at < frame.rowsEnd;) {
      const n = readSync(from, chunk, 0, Math.min(chunk.length, frame.rowsEnd - at), at);
      if (n === 0) break;
      writeSync(to, chunk, 0, n);
      for (let i = chunk.indexOf(0x0a); i >= 0 && i < n; i = chunk.indexOf(0x0a, i + 1)) rows++;
      last = chunk[n - 1] ?? last;
      at += n;
    }
    if (last !== 0x0a) rows++;
  } finally {
    closeSync(from);
    closeSync(to);
  }
  return { path: copy, rows, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a line's fields have exactly the widths of the dashes, one with a blank at its start or end (sqlcmd without -W). */
function paddedToWidths(line: string, runs: { readonly widths: readonly number[]; readonly separator: string | undefined }): boolean {
  const fields = runs.separator === undefined ? [line] : line.split(runs.separator);
  return fields.length === runs.widths.length && fields.every((f, i) => f.length === runs.widths[i]) && fields.some((f) => /^\s|\s$/.test(f));
}

/**
 * The rows of `file` without their sqlcmd frame, through a copy, or undefined when it has none.
 * `what` names the file in messages (`the expected file`), `shown` is its path as people gave it.
 * Padded values (sqlcmd without -W) cannot be told from their blanks, and a row count other than
 * the trailer's means a value broke a line (sqlcmd does not quote) or the file is cut short: both
 * are refused, never read as something else.
 */
export function sqlcmdRows(file: string, what: string, shown = file): (UnframedCopy & { readonly affected: number | undefined }) | undefined {
  const frame = sqlcmdFrame(file);
  if (frame === undefined) return undefined;
  if (frame.padded) {
    throw new EngineError('ENGINE_CSV', `${what} is sqlcmd output whose values are padded with blanks to their column's width (sqlcmd without -W): a value's own blanks cannot be told from the padding`, {
      location: { file: shown }, hint: 'export it again with -W (sqlcmd -s"," -W …), which leaves the padding out',
    });
  }
  const copy = unframedCopy(file, frame);
  if (frame.affected !== undefined && copy.rows !== frame.affected) {
    copy.dispose();
    throw new EngineError('ENGINE_CSV', `${what} is sqlcmd output that says (${frame.affected} rows affected) but holds ${copy.rows} lines of rows: a value with a line break (sqlcmd does not quote), or a file cut short`, {
      location: { file: shown }, hint: 'export the table with bcp or SSMS (which quote such values), or check that the file is whole',
    });
  }
  return { ...copy, affected: frame.affected };
}

/** The offset after the line starting at `from` (its line end included), or undefined when the buffer ends first. */
function lineEnd(buf: Buffer, from: number): number | undefined {
  const i = buf.indexOf(0x0a, from);
  return i < 0 ? undefined : i + 1;
}

/** The length of the line end that closes the last row before the trailer (kept with the row). */
function lineBreakLength(tail: Buffer, at: number): number {
  return tail[at] === 0x0d && tail[at + 1] === 0x0a ? 2 : tail[at] === 0x0a ? 1 : 0;
}

/**
 * The runs of a line of dashes: their widths and the one character between them (sqlcmd's column
 * separator), or undefined when the line is anything else (two dashes at least, so a lone `-` value is no frame).
 */
function dashRuns(line: string): { readonly widths: number[]; readonly separator: string | undefined } | undefined {
  const m = /^(-+)(?:([^-\r\n])(-+)(?:\2-+)*)?$/.exec(line);
  if (m === null || line.replace(/[^-]/g, '').length < 2) return undefined;
  const separator = m[2];
  const widths = separator === undefined ? [line.length] : line.split(separator).map((r) => r.length);
  return { widths, separator };
}
