import type { Diagnostic, SourceSpan } from '../core';
import { LineIndex, createDiagnostic, sortDiagnostics } from '../core';
import type { Batch, BatchSettings, ParsedScript, Statement } from './ast';
import type { Token } from './lexer';
import { tokenizeForParse } from './lexer';
import { Parser } from './parser-core';
import { parseStatementList } from './parse-statement';

const SQLCMD_VAR = /\$\([A-Za-z_][\w]*\)/;

/** Options of `parseScript`. `file` names the source in diagnostics. */
export interface ParseOptions {
  readonly file?: string;
}

/**
 * Parses a T-SQL script: splits it into batches on `GO` / `GO n` lines, parses every statement
 * of every batch, and never throws. What could not be read is an Unparsed statement plus an
 * error diagnostic; SQLCMD lines (`:setvar`, `:r`) and `$(var)` references are warnings.
 */
export function parseScript(text: string, options: ParseOptions = {}): ParsedScript {
  const file = options.file ?? '<input>';
  const lineIndex = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const tokens = tokenizeForParse(text);
  const batches: Batch[] = [];
  let sig: Token[] = [];
  let lineHasContent = false;
  let settings: BatchSettings = {};
  const flush = (endOffset: number, repeat: number, goAt?: SourceSpan): void => {
    if (sig.length > 0) {
      const off = settings.quotedIdentifierOff !== undefined;
      const batch = parseBatch(off ? sig.map(doubleQuotedAsString) : sig, text, lineIndex, file, diagnostics, endOffset, repeat, settings);
      batches.push(repeat !== 1 && goAt !== undefined ? { ...batch, repeatAt: goAt } : batch);
      settings = settingsAfter(sig, settings, lineIndex);
    }
    sig = [];
  };
  const warnSqlcmdVariable = (t: Token): void => {
    const m = SQLCMD_VAR.exec(t.text);
    if (m !== null) {
      diagnostics.push(createDiagnostic(file, lineIndex.spanOf(t.start + m.index, t.start + m.index + m[0].length), 'warning', 'TSQL_SQLCMD',
        `SQLCMD variable ${m[0]} kept unresolved`));
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    switch (t.kind) {
      case 'newline':
        lineHasContent = false;
        continue;
      case 'whitespace':
      case 'comment':
        continue;
      case 'sqlcmd':
        diagnostics.push(createDiagnostic(file, lineIndex.spanOf(t.start, t.end), 'warning', 'TSQL_SQLCMD', sqlcmdCommandText(t.text)));
        lineHasContent = true;
        continue;
      case 'sqlcmdvar':
        diagnostics.push(createDiagnostic(file, lineIndex.spanOf(t.start, t.end), 'warning', 'TSQL_SQLCMD',
          `SQLCMD variable ${t.text} kept unresolved`));
        break;
      case 'word':
        if (t.text.includes('$(')) warnSqlcmdVariable(t);
        if (t.upper === 'GO' && !lineHasContent) {
          const tail = goTail(tokens, i + 1);
          if (tail !== undefined) {
            flush(t.start, tail.repeat, lineIndex.spanOf(t.start, t.end));
            i = tail.next - 1;
            continue;
          }
        }
        break;
      case 'quoted':
      case 'string':
        // sqlcmd substitutes $(var) inside [names] and 'strings' too.
        warnSqlcmdVariable(t);
        break;
      default:
        break;
    }
    sig.push(t);
    lineHasContent = true;
  }
  flush(text.length, 1);
  return { kind: 'Script', file, batches, diagnostics: sortDiagnostics(diagnostics), lineCount: lineIndex.lineCount, lineIndex };
}

/** After a GO at the start of a line: `[n]` then only trivia to the end of the line. */
function goTail(tokens: readonly Token[], from: number): { repeat: number; next: number } | undefined {
  let i = from;
  let repeat = 1;
  const skipSpace = (): void => {
    while (i < tokens.length && (tokens[i]?.kind === 'whitespace' || tokens[i]?.kind === 'comment')) i++;
  };
  skipSpace();
  if (tokens[i]?.kind === 'number' && /^\d+$/.test(tokens[i]?.text ?? '')) {
    repeat = Number(tokens[i]?.text);
    i++;
    skipSpace();
  }
  if (tokens[i]?.kind === 'op' && tokens[i]?.text === ';') {
    i++;
    skipSpace();
  }
  if (i < tokens.length && tokens[i]?.kind !== 'newline') return undefined;
  return { repeat, next: i };
}

function parseBatch(sig: Token[], text: string, lineIndex: LineIndex, file: string, diagnostics: Diagnostic[], endOffset: number, repeat: number, settings: BatchSettings): Batch {
  const p = new Parser(sig, text, lineIndex, file, diagnostics, endOffset);
  const statements: Statement[] = parseStatementList(p, () => false);
  const first = sig[0] as Token;
  const last = sig[sig.length - 1] as Token;
  const batch: Batch = { kind: 'Batch', statements, repeat, span: lineIndex.spanOf(first.start, last.end) };
  return settings.quotedIdentifierOff === undefined && settings.ansiNullsOff === undefined ? batch : { ...batch, settings };
}

/** True when the batch is a CREATE/ALTER [OR ALTER] of a procedure, function, trigger or view: its SETs are its body's. */
function createsModule(sig: readonly Token[]): boolean {
  const head = sig[0]?.upper;
  if (head !== 'CREATE' && head !== 'ALTER') return false;
  const what = sig[1]?.upper === 'OR' ? sig[3]?.upper : sig[1]?.upper;
  return what === 'PROC' || what === 'PROCEDURE' || what === 'FUNCTION' || what === 'TRIGGER' || what === 'VIEW';
}

/** Under SET QUOTED_IDENTIFIER OFF a double-quoted token is a string literal, not a name. */
function doubleQuotedAsString(t: Token): Token {
  return t.kind === 'quoted' && t.text.startsWith('"') ? { ...t, kind: 'string' } : t;
}

/**
 * The settings the next batch runs under: `settings`, changed by the top-level `SET
 * QUOTED_IDENTIFIER|ANSI_NULLS [, …] ON|OFF` statements of this batch. QUOTED_IDENTIFIER is a
 * parse-time option and ANSI_NULLS is captured when a procedure is created, so a SET counts from
 * the next batch on (a CREATE PROCEDURE is the first statement of its own batch). A SET inside a
 * procedure, function or trigger body changes neither (SQL Server keeps the creation settings).
 */
function settingsAfter(sig: readonly Token[], settings: BatchSettings, lineIndex: LineIndex): BatchSettings {
  if (createsModule(sig)) return settings;
  let next = settings;
  for (let i = 0; i < sig.length; i++) {
    if ((sig[i] as Token).upper !== 'SET') continue;
    const names: string[] = [];
    let j = i + 1;
    while (sig[j]?.kind === 'word' && sig[j + 1]?.kind === 'op' && sig[j + 1]?.text === ',') { names.push((sig[j] as Token).upper); j += 2; }
    if (sig[j]?.kind === 'word') names.push((sig[j++] as Token).upper);
    const value = sig[j]?.upper;
    if (value !== 'ON' && value !== 'OFF') continue;
    const span = lineIndex.spanOf((sig[i] as Token).start, (sig[j] as Token).end);
    j++;
    for (const name of names) {
      if (name !== 'QUOTED_IDENTIFIER' && name !== 'ANSI_NULLS') continue;
      const key = name === 'QUOTED_IDENTIFIER' ? 'quotedIdentifierOff' : 'ansiNullsOff';
      const { [key]: _dropped, ...rest } = next;
      next = value === 'OFF' ? { ...rest, [key]: span } : rest;
    }
    i = j - 1;
  }
  return next;
}

/**
 * The warning for a SQLCMD command line. `:r file` is not expanded in place; the file it includes
 * is read on its own when it is among the paths analysed (also a `<None>` seed script of an
 * SSDT project that a pre- or post-deployment script includes: src/core/sqlproj.ts).
 */
function sqlcmdCommandText(line: string): string {
  const command = line.split(/\s+/)[0] ?? '';
  if (command.toLowerCase() === ':r') return 'SQLCMD command :r not expanded in place; the file it includes is analysed on its own when it is under the paths given';
  return `SQLCMD command ${command} ignored; run the script through sqlcmd or remove it`;
}
