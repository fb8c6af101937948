import { walk, type If, type Node, type Raiserror, type Statement, type TryCatch } from '../tsql';

/**
 * What the CATCH block does when an early exit's error (a THROW, a RAISERROR of severity 11 or
 * more) inside a TRY block reaches it: legacy does not stop at the IF, it runs the CATCH, which
 * typically rolls back the transaction (undoing what the TRY wrote), writes a log row (kept,
 * being written after the ROLLBACK) and raises the error again. Read from the code, not run:
 * each part says how sure it is, so `migrate run`'s messages never claim more than the code shows.
 */
export interface CatchAccount {
  /** The CATCH block's first line. */
  readonly line: number;
  /** Whether the error certainly reaches it (a THROW), or only may (a RAISERROR whose severity is no constant). */
  readonly certain: boolean;
  /** The BEGIN TRANSACTION certainly open at the IF (its line), when there is one. */
  readonly transaction?: number;
  /** The CATCH's ROLLBACK: its line, and whether it certainly runs and undoes `transaction` (unconditional or under IF @@TRANCOUNT > 0 / XACT_STATE() <> 0). */
  readonly rollback?: { readonly line: number; readonly certain: boolean };
  /** What the CATCH writes, as written with its line (`dbo.[Close Log] (line 118)`); `may` when under an IF; `undone` when before the ROLLBACK. */
  readonly writes: readonly { readonly what: string; readonly line: number; readonly may: boolean; readonly undone: boolean }[];
  /** How the CATCH ends: its THROW's line (the procedure ends with the error), a RETURN's, or neither (it may go on after END CATCH). */
  readonly ends?: { readonly how: 'THROW' | 'RETURN'; readonly line: number };
}

/**
 * The account of the innermost TRY block around `exit` (an IF of the procedure's body), or
 * undefined when the IF leaves by a RETURN or GOTO alone (which a CATCH never sees), or raises
 * only informational messages. `body` is the procedure's; `text` gives a node's source text.
 */
export function catchAccount(exit: If, tries: readonly TryCatch[], body: readonly Statement[], text: (n: Node) => string): CatchAccount | undefined {
  const tc = tries[tries.length - 1];
  if (tc === undefined) return undefined;
  const raises = raisesInside(exit);
  if (raises === 'no') return undefined;
  const line = (n: Node): number => n.span.start.line;
  const transaction = openTransactionAt(exit, tries, body);
  // BEGIN CATCH's own line: the last one before the block's first statement (the node keeps no span of it)
  const head = text(tc).slice(0, (tc.catchStatements[0]?.span.start.offset ?? tc.span.end.offset) - tc.span.start.offset);
  const begin = [...head.matchAll(/\bBEGIN\s+CATCH\b/gi)].pop();
  const catchLine = begin?.index === undefined ? line(tc.catchStatements[0] ?? tc) : tc.span.start.line + (head.slice(0, begin.index).match(/\n/g)?.length ?? 0);
  let rollback: CatchAccount['rollback'];
  const writes: { what: string; line: number; may: boolean }[] = [];
  let ends: CatchAccount['ends'];
  for (const s of tc.catchStatements) {
    if (ends !== undefined) break;
    const top = s.kind === 'Transaction' || s.kind === 'Throw' || s.kind === 'Return';
    if (s.kind === 'Throw' || s.kind === 'Return') ends = { how: s.kind === 'Throw' ? 'THROW' : 'RETURN', line: line(s) };
    walk(s, (n) => {
      if (n.kind === 'Transaction' && n.action === 'ROLLBACK' && rollback === undefined) {
        const guard = s.kind === 'If' && s.then === n && s.else === undefined && /^\s*(@@TRANCOUNT\s*>\s*0|XACT_STATE\s*\(\s*\)\s*(<>|!=)\s*0)\s*$/i.test(text(s.condition));
        rollback = { line: line(n), certain: n.name === undefined && transaction !== undefined && (top || guard) };
      }
      const target = n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Merge' ? n.target : undefined;
      if (target?.kind === 'TableRef') writes.push({ what: text(target.name).trim(), line: line(n), may: s !== n });
      if (n.kind === 'Execute') writes.push({ what: 'an EXEC', line: line(n), may: true });
      return undefined;
    });
  }
  // a write before the ROLLBACK is undone by it only where the ROLLBACK certainly runs
  const undoneBefore = rollback?.certain === true ? rollback.line : 0;
  const settled = writes.map((w) => ({ ...w, undone: w.line < undoneBefore }));
  return {
    line: catchLine, certain: raises === 'yes', ...(transaction !== undefined ? { transaction } : {}), ...(rollback !== undefined ? { rollback } : {}),
    writes: settled, ...(ends !== undefined ? { ends } : {}),
  };
}

/** Whether the IF's branches raise an error a CATCH catches: a THROW yes; a RAISERROR of severity 11+ yes, of a severity no constant maybe. */
function raisesInside(exit: If): 'yes' | 'maybe' | 'no' {
  let found: 'yes' | 'maybe' | 'no' = 'no';
  walk(exit, (n) => {
    if (n === exit.condition || n.kind === 'TryCatch' || n.kind === 'While') return false;
    if (n.kind === 'Throw') found = 'yes';
    if (n.kind === 'Raiserror' && found !== 'yes') {
      const caught = raiserrorCaught(n);
      if (caught !== 'no') found = caught;
    }
    return undefined;
  });
  return found;
}

/** Whether a TRY block's CATCH catches a RAISERROR: severity 11 or more yes (10 and less are messages), one no constant gives maybe. */
export function raiserrorCaught(n: Raiserror): 'yes' | 'maybe' | 'no' {
  const severity = n.legacy ? undefined : n.args[1];
  const value = severity?.kind === 'Literal' && /^\d+$/.test(String(severity.value)) ? Number(severity.value) : undefined;
  return value === undefined ? 'maybe' : value >= 11 ? 'yes' : 'no';
}

/**
 * The line of a BEGIN TRANSACTION certainly open when the IF runs: the first statement of the
 * TRY blocks' or the body's own level (not under an IF or a loop) before the IF with no COMMIT,
 * ROLLBACK or EXEC (which may commit) anywhere between them and the IF.
 */
function openTransactionAt(exit: If, tries: readonly TryCatch[], body: readonly Statement[]): number | undefined {
  const at = exit.span.start.offset;
  const begins = [body, ...tries.map((t) => t.tryStatements)].flat()
    .filter((s) => s.kind === 'Transaction' && s.action === 'BEGIN' && s.span.start.offset < at)
    .sort((a, b) => a.span.start.offset - b.span.start.offset);
  const unbroken = (from: number): boolean => {
    let broken = false;
    for (const s of body) {
      walk(s, (n) => {
        if (broken || n.span.end.offset < from || n.span.start.offset > at) return false;
        if (((n.kind === 'Transaction' && n.action !== 'BEGIN' && n.action !== 'SAVE') || n.kind === 'Execute') && n.span.start.offset > from && n.span.start.offset < at) broken = true;
        return undefined;
      });
    }
    return !broken;
  };
  return begins.find((b) => unbroken(b.span.end.offset))?.span.start.line;
}

/**
 * The account as people read it after "the error goes to": `the CATCH block at line 115, whose
 * ROLLBACK (line 116) undoes everything written since the BEGIN TRANSACTION at line 38; it then
 * writes dbo.[Close Log] (line 118), kept, and its THROW (line 119) ends the procedure with the error`.
 */
export function catchAccountText(a: CatchAccount): string {
  const parts: string[] = [`the CATCH block at line ${a.line}`];
  if (a.rollback !== undefined && a.rollback.certain && a.transaction !== undefined) parts.push(`, whose ROLLBACK (line ${a.rollback.line}) undoes everything written since the BEGIN TRANSACTION at line ${a.transaction}`);
  else if (a.rollback !== undefined) parts.push(`, which may roll back an open transaction (its ROLLBACK at line ${a.rollback.line}; migrate run cannot tell from the code whether it runs there, nor what it undoes)`);
  else if (a.transaction !== undefined) parts.push(`, which does not roll back the transaction begun at line ${a.transaction} (what SQL Server keeps of it then depends on SET XACT_ABORT and the caller; migrate run cannot tell)`);
  const writes = a.writes.map((w) => `${w.may ? 'may write' : 'writes'} ${w.what === 'an EXEC' ? `through an EXEC (line ${w.line})` : `${w.what} (line ${w.line})`}${w.undone ? ', before its ROLLBACK, so not kept' : a.rollback?.certain === true ? ', kept' : ''}`);
  if (writes.length > 0) parts.push(`; it ${writes.join(', ')}`);
  parts.push(a.ends?.how === 'THROW' ? `${writes.length > 0 ? ', and' : ';'} its THROW (line ${a.ends.line}) ends the procedure with the error`
    : a.ends?.how === 'RETURN' ? `${writes.length > 0 ? ', and' : ';'} its RETURN (line ${a.ends.line}) ends the procedure` : `${writes.length > 0 ? ', and' : ';'} it does not certainly end the procedure, which may go on after END CATCH`);
  return parts.join('');
}
