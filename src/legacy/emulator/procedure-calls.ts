import { findAll } from '../../tsql';
import { normalizeObjectName } from '../legacy-run';
import type { LoadedProcedure } from './state';

/**
 * A procedure and every procedure it EXECs, transitively, each once, in the order first met:
 * what a call of `name` can run. A callee the scripts do not define (a system procedure, one of
 * another database) is left out, as is `name` itself when it is not loaded.
 */
export function proceduresReachedFrom(procedures: ReadonlyMap<string, LoadedProcedure>, name: string): LoadedProcedure[] {
  const out: LoadedProcedure[] = [];
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const loaded = procedures.get(key);
    if (loaded === undefined || seen.has(key)) return;
    seen.add(key);
    out.push(loaded);
    for (const st of loaded.procedure.body) {
      for (const e of findAll(st, 'Execute')) if (e.procedure?.kind === 'ObjectName') visit(normalizeObjectName(e.procedure.parts.map((p) => p.name).join('.')));
    }
  };
  visit(name);
  return out;
}
