import type { Diagnostic } from '../core';
import type { ParsedScript } from '../tsql';

/**
 * `BATCH_REPEATED` warnings for `GO n` (n other than 1): sqlcmd and SSMS send the batch before
 * it n times (n is to be a positive integer), while analyze, like the rest of the tool, reads the
 * batch once, so its graph shows one run of what SQL Server runs n times (rows inserted n times, a
 * counter advanced n times, each run seeing what the runs before it left). Said at the `GO n`.
 */
export function repeatedBatchDiagnostics(script: ParsedScript): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const batch of script.batches) {
    if (batch.repeat === 1 || batch.repeatAt === undefined) continue;
    const { line, column } = batch.repeatAt.start;
    const lines = batch.span.start.line === batch.span.end.line ? `line ${batch.span.start.line}` : `lines ${batch.span.start.line}-${batch.span.end.line}`;
    const n = batch.repeat;
    out.push({
      file: script.file, line, column, severity: 'warning', code: 'BATCH_REPEATED',
      message: n === 0
        ? `GO 0 after the batch at ${lines}: GO's count is to be a positive integer, and what a tool does with 0 is not documented; analyze reads the batch once, as after GO: write GO alone, or the count meant`
        : `GO ${n} runs the batch at ${lines} ${n} times (sqlcmd and SSMS send it again each time), but analyze reads it once: its data flow shows one run, while on SQL Server every row it inserts, updates or deletes and every value it advances is changed ${n} times, each run seeing what the runs before it left; read its steps as repeated, or write the repetition in T-SQL (a WHILE loop) so the migration sees it`,
    });
  }
  return out;
}
