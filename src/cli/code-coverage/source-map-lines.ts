// A small reader for the one kind of source map our TypeScript hook emits (inline, version 3,
// one source): enough to map a generated position back to the line of the .ts file people read.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one Base64 VLQ segment of a source map into its signed fields. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`bad source map character '${ch}'`);
    value += (digit & 31) << shift;
    if (digit & 32) { shift += 5; continue; }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** One mapping: a generated line and column (0-based) and the source line (1-based) it came from. */
export interface LineMapping {
  readonly generatedLine: number;
  readonly generatedColumn: number;
  readonly sourceLine: number;
}

/**
 * Decodes a source map's `mappings` into generated-position -> source-line pairs. Fields are
 * deltas: the column restarts on each generated line, the source line runs across the file.
 */
export function decodeMappings(mappings: string): LineMapping[] {
  const out: LineMapping[] = [];
  let sourceLine = 0;
  mappings.split(';').forEach((line, generatedLine) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const f = decodeVlq(segment);
      column += f[0] ?? 0;
      if (f.length < 4) continue;
      sourceLine += f[2] ?? 0;
      out.push({ generatedLine, generatedColumn: column, sourceLine: sourceLine + 1 });
    }
  });
  return out;
}

/** The mappings of a script's inline source map (`//# sourceMappingURL=data:…;base64,…`), or undefined. */
export function readInlineSourceMap(script: string): LineMapping[] | undefined {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[^;,]+;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(script);
  if (!m) return undefined;
  try {
    const map = JSON.parse(Buffer.from(m[1] as string, 'base64').toString('utf8')) as { mappings?: unknown };
    return typeof map.mappings === 'string' ? decodeMappings(map.mappings) : undefined;
  } catch {
    return undefined;
  }
}
