import type { SourceSpan } from './source-span';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding about the input that does not stop the work (an unparsed statement, dynamic SQL,
 * a SQLCMD line). The JSON form `{file,line,column,severity,code,message}` is part of the
 * `migrate analyze --json` contract.
 */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly span?: SourceSpan;
}

/** Builds a diagnostic from a span. */
export function createDiagnostic(file: string, span: SourceSpan, severity: Severity, code: string, message: string): Diagnostic {
  return { file, line: span.start.line, column: span.start.column, severity, code, message, span };
}

/** Orders diagnostics by file, line, column, then code, so outputs are deterministic. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The contract's JSON shape (no span). */
export function toJsonDiagnostic(d: Diagnostic): { file: string; line: number; column: number; severity: Severity; code: string; message: string } {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
}
