import type { ParsedScript } from '../../tsql';

// SQL Server numbers the lines of an error (ERROR_LINE(), "Line n" of a message) within the batch
// that created the procedure: line 1 is the line after the GO that ends the batch before it, so
// the comments above CREATE PROCEDURE count and the SET ANSI_NULLS ON / GO lines above them do not.

const firstLines = new WeakMap<ParsedScript, readonly number[]>();

/** `text` with its comments blanked out (newlines kept), so a GO inside a comment is no separator. */
function withoutComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const two = text.slice(i, i + 2);
    if (depth === 0 && two === '--') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') { out += ' '; i++; }
      i--;
    } else if (two === '/*') {
      depth++; out += '  '; i++;
    } else if (depth > 0 && two === '*/') {
      depth--; out += '  '; i++;
    } else {
      out += depth > 0 && c !== '\n' && c !== '\r' ? ' ' : c;
    }
  }
  return out;
}

/** The file line where each batch of `script` begins, as SQL Server counts it. */
function batchFirstLines(script: ParsedScript): readonly number[] {
  const known = firstLines.get(script);
  if (known !== undefined) return known;
  const text = script.lineIndex.text;
  const lines = script.batches.map((b, i) => {
    const before = script.batches[i - 1];
    if (before === undefined) return 1;
    // Between two batches stand only blanks, comments and GO lines: the last GO ends the batch before.
    const gap = withoutComments(text.slice(before.span.end.offset, b.span.start.offset)).split(/\r\n|\r|\n/);
    let go = -1;
    gap.forEach((line, j) => { if (/^\s*GO(\s+\d+)?\s*$/i.test(line)) go = j; });
    return go < 0 ? before.span.end.line : before.span.end.line + go + 1;
  });
  firstLines.set(script, lines);
  return lines;
}

/** The line SQL Server reports for file line `line` of the batch holding file offset `offset`. */
export function lineInBatch(script: ParsedScript, offset: number, line: number): number {
  const starts = batchFirstLines(script);
  let first = 1;
  script.batches.forEach((b, i) => { if (b.span.start.offset <= offset) first = starts[i] ?? first; });
  return line - first + 1;
}
