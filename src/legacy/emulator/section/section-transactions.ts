import { walk, type CreateProcedure, type Node, type Statement, type Transaction } from '../../../tsql';
import type { EmulatorState } from '../state';

/** Per section run: where the procedure begins the transactions the section does not (file:line:col list), and the savepoints the section sets. */
const outside = new WeakMap<EmulatorState, { readonly where: string; readonly saved: ReadonlySet<string> }>();

/**
 * Before a section runs on its own (`sections record`): notes the procedure's BEGIN and SAVE
 * TRANSACTION statements that lie outside the section. The procedure runs the section inside
 * that transaction, so a COMMIT or ROLLBACK of the section acts on it there (a `ROLLBACK TRAN
 * BeforeFact` undoing the section's fact rows), while run alone it meets no transaction (error
 * 3903, the rows stay) or no such savepoint: the recorded rows would not be the procedure's.
 */
export function noteTransactionsOutsideSection(state: EmulatorState, proc: CreateProcedure, statements: readonly Statement[]): void {
  const inside = new Set<Node>();
  const saved = new Set<string>();
  for (const s of statements) {
    walk(s as Node, (n) => {
      if (n.kind !== 'Transaction') return;
      inside.add(n);
      if ((n.action === 'SAVE' || n.action === 'BEGIN') && n.name !== undefined) saved.add(n.name);
    });
  }
  const begun: string[] = [];
  for (const s of proc.body) {
    walk(s as Node, (n) => {
      if (n.kind === 'Transaction' && (n.action === 'BEGIN' || n.action === 'SAVE') && !inside.has(n)) begun.push(`${n.action} TRANSACTION at ${state.place(n.span)}`);
    });
  }
  if (begun.length > 0) outside.set(state, { where: begun.join(', '), saved });
}

/**
 * A COMMIT or ROLLBACK of a section run alone that would act on a transaction or savepoint the
 * procedure begins outside the section is refused, naming both, instead of recording rows the
 * procedure never leaves. So is a SAVE TRANSACTION meeting no transaction for that reason (a
 * savepoint per row of a cursor whose BEGIN TRAN a hand-cut section leaves out): the procedure
 * sets it inside that transaction, and the refusal names where, not "outside a transaction".
 */
export function refuseSectionTransaction(state: EmulatorState, s: Transaction): void {
  const o = outside.get(state);
  if (o === undefined) return;
  if (s.action === 'SAVE' && state.tranCount === 0) {
    throw state.unsupported(s, `SAVE TRANSACTION${s.name === undefined ? '' : ` ${s.name}`} in a section run on its own while the procedure begins its transaction outside the section (${o.where}): alone, the section has no transaction to set it in, unlike the procedure; put those statements in the section`);
  }
  if (s.action !== 'COMMIT' && s.action !== 'ROLLBACK') return;
  const unknownSavepoint = s.action === 'ROLLBACK' && s.name !== undefined && !s.name.startsWith('@') && !o.saved.has(s.name);
  if (state.tranCount > 0 && !unknownSavepoint) return;
  throw state.unsupported(s, `${s.action} TRANSACTION${s.name === undefined ? '' : ` ${s.name}`} in a section run on its own while the procedure begins its transaction outside the section (${o.where}): alone, the section has ${unknownSavepoint ? 'no such savepoint' : 'no transaction'} to ${s.action === 'COMMIT' ? 'commit' : 'roll back'}, unlike the procedure; put those statements in the section, or this ${s.action} out of it`);
}
