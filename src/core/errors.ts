import type { SourceSpan } from './source-span';

/** Where an error points: a file and, when known, a span inside it. */
export interface ErrorLocation {
  readonly file?: string;
  readonly span?: SourceSpan;
  /** The source text, so the message can show the offending line with a caret. */
  readonly source?: string;
}

/**
 * Base of every error tsql-migrate throws on purpose. `code` is stable and machine-readable
 * (e.g. `TSQL_UNTERMINATED_STRING`); `hint` tells the user what to do about it. The CLI maps
 * subclasses to exit codes and prints `format()`; never a stack trace unless --debug.
 */
export class MigrateError extends Error {
  readonly code: string;
  readonly location: ErrorLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { location?: ErrorLocation; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** `file:line:col: message`, the offending line with a caret, and the hint. */
  format(): string {
    return formatLocated(this.message, this.location, this.hint);
  }
}

/**
 * Whether `err` is a MigrateError, also one of a second copy of this library: a workspace made
 * with `migrate init --library <repo>/src` has its transforms import the TypeScript sources,
 * whose classes are not the CLI's (a transform's `notImplemented` is then another class).
 */
export function isMigrateError(err: unknown): err is MigrateError {
  if (err instanceof MigrateError) return true;
  if (!(err instanceof Error) || typeof (err as Partial<MigrateError>).format !== 'function') return false;
  for (let p = Object.getPrototypeOf(err) as { constructor?: { name?: string } } | null; p; p = Object.getPrototypeOf(p) as typeof p) {
    if (p.constructor?.name === 'MigrateError') return true;
  }
  return false;
}

/** Bad command-line usage, a missing file, an unreadable config: exit code 2. */
export class UsageError extends MigrateError {}
/** Raised by src/tsql for problems the parser cannot degrade around (e.g. undecodable input). */
export class TsqlError extends MigrateError {}
export class DataflowError extends MigrateError {}
export class RenderError extends MigrateError {}
export class SectionsError extends MigrateError {}
export class EngineError extends MigrateError {}
export class LegacyError extends MigrateError {}
export class AcceptanceError extends MigrateError {}

/** Formats a message with its location and a code frame, the way compilers do. */
export function formatLocated(message: string, location?: ErrorLocation, hint?: string): string {
  const parts: string[] = [];
  const where = location?.file
    ? location.span
      ? `${location.file}:${location.span.start.line}:${location.span.start.column}: `
      : `${location.file}: `
    : location?.span
      ? `${location.span.start.line}:${location.span.start.column}: `
      : '';
  parts.push(`${where}${message}`);
  if (location?.span && location.source !== undefined) {
    parts.push(formatCodeFrame(location.source, location.span));
  }
  if (hint) parts.push(`hint: ${hint}`);
  return parts.join('\n');
}

/** The line of `span.start` with a caret under the start column (tabs kept so it lines up). */
export function formatCodeFrame(source: string, span: SourceSpan): string {
  const lines = source.split(/\r\n|\r|\n/);
  const lineNo = span.start.line;
  const text = lines[lineNo - 1] ?? '';
  const gutter = String(lineNo).length;
  const pad = text.slice(0, Math.max(0, span.start.column - 1)).replace(/[^\t]/g, ' ');
  const width = span.end.line === span.start.line ? Math.max(1, span.end.column - span.start.column) : 1;
  return `${' '.repeat(gutter)} |\n${lineNo} | ${text}\n${' '.repeat(gutter)} | ${pad}${'^'.repeat(Math.min(width, 80))}`;
}
