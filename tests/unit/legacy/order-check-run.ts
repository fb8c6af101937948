import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads, type OrderCheck } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';

/**
 * Captures `procedure` from `scripts` (file name -> text) with each input table's CSV text, as
 * `migrate capture` does: a first run, then the order check's second run (order-check.ts).
 */
export async function captureWithOrderCheck(scripts: Readonly<Record<string, string>>, procedure: string, inputs: Readonly<Record<string, string>>): Promise<{ first: EmulationResult; check: OrderCheck }> {
  const dir = mkdtempSync(join(tmpdir(), 'order-check-run-'));
  try {
    const files = Object.entries(inputs).map(([table, csv], i) => {
      const file = join(dir, `input-${i}.csv`);
      writeFileSync(file, csv);
      return { table, file };
    });
    const options = { scripts: Object.entries(scripts).map(([file, text]) => parseScript(text, { file })), procedure, params: {}, inputs: files, clock: '2026-01-15T10:20:30', allowDynamicSql: false };
    const session = await EngineSession.open({ threads: 1 });
    try {
      const first = await emulateProcedure({ ...options, session });
      return { first, check: await checkUnorderedReads(options, first) };
    } finally {
      session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
