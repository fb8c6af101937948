import { LegacyError } from '../../core';
import { ansiNullsSensitiveComparison, containersInEffect, creationSettingsOf, walk, type ContainerStatement, type ParsedScript } from '../../tsql';
import { normalizeObjectName } from '../legacy-run';
import { proceduresReachedFrom } from './procedure-calls';
import type { LoadedProcedure } from './state';

/*
 * SQL Server keeps the SET ANSI_NULLS setting a procedure, function or trigger was created under
 * and runs it with that setting ever after. A procedure created under OFF runs as
 * collectProcedures rewrites it (tsql's asUnderAnsiNullsOn: its comparisons with ON's operators).
 * Functions and triggers are loaded elsewhere and not rewritten: one created under OFF that makes
 * a comparison the setting changes is refused, with both places, where a run reaches it; one that
 * makes no such comparison runs exactly.
 */

type Module = { readonly statement: ContainerStatement; readonly script: ParsedScript };

/**
 * Refuses the run when a function the procedures it reaches (`name` and what it EXECs) name, or a
 * DML trigger of a table they name, was created under SET ANSI_NULLS OFF and compares a variable
 * or a literal NULL with `=`, `<>`, `!=`, IN or a simple CASE as that setting changes.
 */
export function refuseAnsiNullsOff(scripts: readonly ParsedScript[], procedures: ReadonlyMap<string, LoadedProcedure>, name: string): void {
  if (!scripts.some((s) => s.batches.some((b) => b.settings?.ansiNullsOff !== undefined))) return;
  const reached: Module[] = proceduresReachedFrom(procedures, name).map((p) => ({ statement: p.procedure, script: p.script }));
  const named = new Set<string>();
  for (const m of reached) {
    walk(m.statement, (n) => {
      if (n.kind === 'ObjectName') named.add(normalizeObjectName(n.parts.map((p) => p.name).join('.')));
      return undefined;
    });
  }
  const others: Module[] = [];
  for (const kind of ['CreateFunction', 'CreateTrigger'] as const) {
    for (const [key, d] of containersInEffect(scripts, kind)) {
      const on = d.statement.kind === 'CreateTrigger' && d.statement.table !== undefined ? normalizeObjectName(d.statement.table.parts.map((p) => p.name).join('.')) : undefined;
      if (named.has(key) || (on !== undefined && named.has(on))) others.push({ statement: d.statement, script: d.script });
    }
  }
  for (const m of others) {
    const off = creationSettingsOf(m.script, m.statement)?.ansiNullsOff;
    if (off === undefined) continue;
    const at = ansiNullsSensitiveComparison([m.statement]);
    if (at === undefined) continue;
    throw new LegacyError('LEGACY_ANSI_NULLS_OFF',
      `this comparison of a variable or NULL runs under SET ANSI_NULLS OFF, which ${m.script.file}:${off.start.line} set before the object was created: it is TRUE where both sides are NULL; the emulator runs procedures created under OFF so, not yet functions and triggers`, {
        location: { file: m.script.file, span: at.span },
        hint: 'if the object on the server has uses_ansi_nulls = 1 (sys.sql_modules), remove the SET ANSI_NULLS OFF from the script; otherwise capture from SQL Server (MIGRATE_MSSQL_URL)',
      });
  }
}
