import { styleText } from 'node:util';

/** Whether to colour: a TTY, no NO_COLOR, or FORCE_COLOR set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  if (process.env.NO_COLOR !== undefined) return false;
  return Boolean(stream.isTTY);
}

type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'gray' | 'bold' | 'dim';

/** Colours text for people; plain when output is piped or NO_COLOR is set. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return useColor(stream) ? styleText(style, text) : text;
}

// eslint-disable-next-line no-control-regex -- matching ANSI colour escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string (ANSI escapes do not count). */
export function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length;
}

/**
 * Renders rows as an aligned text table. Columns whose every body cell looks numeric are
 * right-aligned, the way people read figures.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+%?$|^$/.test((r[i] ?? '').replace(ANSI, ''))));
  const cell = (text: string, i: number): string => {
    const pad = ' '.repeat((widths[i] ?? 0) - visibleWidth(text));
    return numeric[i] ? pad + text : text + pad;
  };
  const line = (r: readonly string[]): string => header.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Progress on stderr for long work: a single rewritten line on a TTY, nothing when piped
 * (so machine-readable stdout and CI logs stay clean) unless `force`.
 */
export class Progress {
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly label: string, private readonly total: number, force = false) {
    this.enabled = force || Boolean(process.stderr.isTTY);
  }

  tick(done: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const pct = this.total > 0 ? Math.floor((100 * done) / this.total) : 100;
    process.stderr.write(`\r${this.label} ${done}/${this.total} (${pct}%) ${detail}`.slice(0, 120).padEnd(120));
  }

  done(): void {
    if (this.enabled) process.stderr.write('\r' + ' '.repeat(120) + '\r');
  }
}

/** Commander accumulator for a repeatable flag (`--param a=1 --param b=2` -> ['a=1', 'b=2']). */
/** `1 problem`, `3 problems`: a count and its noun, plural unless the count is one. */
export const countText = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
