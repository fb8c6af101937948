/** A position in a source text. `offset` counts UTF-16 code units from the start of the
 * decoded text; `line` and `column` are 1-based, as editors and SQL Server show them. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open range [start, end) of a source text. */
export interface SourceSpan {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/**
 * Index of line starts for one text, so offsets map to line/column in O(log n) instead of
 * rescanning the text for every node.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** Number of lines (a trailing newline does not open a counted line of its own). */
  get lineCount(): number {
    const n = this.starts.length;
    return n > 1 && this.starts[n - 1] === this.text.length ? n - 1 : n;
  }

  /** Converts an offset to a position (clamped to the text). */
  positionAt(offset: number): SourcePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo + 1, column: o - (this.starts[lo] as number) + 1 };
  }

  /** The text of 1-based line `line`, without its line terminator. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  /** Makes a span from two offsets. */
  spanOf(startOffset: number, endOffset: number): SourceSpan {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}

/** The smallest span that covers both spans. */
export function joinSpans(a: SourceSpan, b: SourceSpan): SourceSpan {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}
