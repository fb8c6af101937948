import type { LineRange } from '../dataflow';

const LABEL_SPECIAL = /[#&"<>|`\r\n]/;

/**
 * Escapes text for a mermaid `"…"` label. Mermaid turns `#name;` into an HTML entity, so `#`
 * goes first; quotes, angle brackets, pipes, backticks and ampersands become entity codes so
 * they can neither end the label nor be read as HTML or Markdown. Newlines become `<br/>`.
 */
export function escapeLabel(text: string): string {
  // Most labels are plain names: one scan instead of eight replace passes.
  if (!LABEL_SPECIAL.test(text)) return text;
  return text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/\r\n|\r|\n/g, '<br/>');
}

/** A quoted, escaped label; `lines` are joined with line breaks after escaping each. */
export function quoteLabel(...lines: readonly string[]): string {
  return `"${lines.map(escapeLabel).join('<br/>')}"`;
}

/**
 * A mermaid id: a fixed prefix (so no id can be a keyword like `end` or start with `o`/`x`,
 * which mermaid reads as edge heads) plus the graph id with anything outside [A-Za-z0-9_]
 * replaced.
 */
export function mermaidId(prefix: string, id: string): string {
  return `${prefix}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** `a, b, c +5`: the first `max` items, then how many more, capped to about `maxChars`. */
export function shortenList(items: readonly string[], max = 3, maxChars = 40): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (shown.length >= max || (shown.length > 0 && length + item.length + 2 > maxChars)) break;
    shown.push(item.length > maxChars ? `${item.slice(0, maxChars - 1)}…` : item);
    length += item.length + 2;
  }
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} +${rest}` : shown.join(', ');
}

/** `L12` or `L12–18`. */
export function formatLines(lines: LineRange): string {
  return lines.end > lines.start ? `L${lines.start}–${lines.end}` : `L${lines.start}`;
}

/** Shortens free text (a condition, an expression) to `max` characters on one line. */
export function truncateText(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
