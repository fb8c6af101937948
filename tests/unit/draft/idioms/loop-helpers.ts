import { parseScript, type Statement } from '../../../../src/tsql';

/** The statements of a procedure body written as `body` (T-SQL), parsed without errors. */
export function bodyOf(body: string): readonly Statement[] {
  const script = parseScript(`CREATE PROCEDURE dbo.p @P int = NULL, @From date = NULL, @To date = NULL AS\nBEGIN\n${body}\nEND\n`, { file: 'p.sql' });
  const errors = script.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const proc = script.batches[0]?.statements[0];
  if (!proc || proc.kind !== 'CreateProcedure') throw new Error('no procedure');
  const only = proc.body.length === 1 && proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return only;
}

/** Index of the first statement of a kind. */
export function indexOfKind(list: readonly Statement[], kind: Statement['kind']): number {
  return list.findIndex((s) => s.kind === kind);
}
