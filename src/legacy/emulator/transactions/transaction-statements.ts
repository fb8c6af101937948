import type { Statement } from '../../../tsql';
import { runSql } from '../runtime';
import { TsqlRuntimeError, type EmulatorState, type Flow } from '../state';
import { noteAnyWrite } from '../tables/table-versions';
import { refuseSectionTransaction } from '../section/section-transactions';
import { refuseTriggerTransaction } from '../trigger-run';
import { dropSavepoints, rollbackToSavepoint, saveTransaction, startSavepoints, transactionName } from './savepoints';
import { noteRolledBack, noteTransactionEnd } from './transaction-writes';
import { beginUndoLog, commitUndoLog, inUndoLog, rollbackUndoLog, wantsUndoLog } from './undo-transaction';
import { commitAfterError } from './xact-state';

/**
 * BEGIN/COMMIT/ROLLBACK with @@TRANCOUNT: only the outermost BEGIN and COMMIT reach DuckDB;
 * ROLLBACK undoes everything and resets the count, as in SQL Server.
 */
export async function transaction(state: EmulatorState, s: Extract<Statement, { kind: 'Transaction' }>): Promise<Flow> {
  refuseTriggerTransaction(state, s);
  refuseSectionTransaction(state, s);
  state.rowCount = 0; // BEGIN/COMMIT/ROLLBACK TRANSACTION reset @@ROWCOUNT
  switch (s.action) {
    case 'BEGIN':
      if (state.tranCount === 0) { if (wantsUndoLog(state)) await beginUndoLog(state, s); else await state.session.run('BEGIN TRANSACTION'); state.doomed = false; startSavepoints(state); }
      state.tranCount++;
      return 'normal';
    case 'COMMIT':
      if (state.tranCount === 0) throw new TsqlRuntimeError({ number: 3902, message: 'The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.', severity: 16, state: 1, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(s.span) });
      if (state.doomed) commitAfterError(state, s);
      state.tranCount--;
      if (state.tranCount === 0) {
        await dropSavepoints(state);
        if (inUndoLog(state)) await commitUndoLog(state); else await runSql(state, 'COMMIT', [], s.span);
        noteTransactionEnd(state);
      }
      return 'normal';
    case 'ROLLBACK':
      if (state.tranCount === 0) throw new TsqlRuntimeError({ number: 3903, message: 'The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.', severity: 16, state: 1, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(s.span) });
      // to a savepoint: the transaction stays open, @@TRANCOUNT unchanged (savepoints.ts)
      if (s.name !== undefined && (await rollbackToSavepoint(state, s, transactionName(state, s.name)))) return 'normal';
      if (s.name !== undefined && state.tranCount > 1) throw state.unsupported(s, 'ROLLBACK TRANSACTION name inside a nested transaction (to a savepoint, or by the outermost transaction\'s name)');
      noteAnyWrite(state);
      // undo-transaction.ts: the copies put the rows back (table variables keep theirs, as in SQL Server)
      if (inUndoLog(state)) { await dropSavepoints(state); await rollbackUndoLog(state, s); } else { if (!state.doomed) await state.session.run('ROLLBACK'); noteRolledBack(state); }
      noteTransactionEnd(state);
      state.tranCount = 0;
      state.doomed = false;
      return 'normal';
    case 'SAVE':
      if (s.name === undefined) throw state.unsupported(s, 'SAVE TRANSACTION without a savepoint name');
      await saveTransaction(state, s, transactionName(state, s.name));
      return 'normal';
  }
}
