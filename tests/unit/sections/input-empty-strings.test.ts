import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, quoteIdent, table } from '../../../src/engine';
import { InputLoader } from '../../../src/sections/input-loader';

// A staging file: an empty field is NULL, a quoted empty field ("") the empty string in a text
// column (as the emulator loads it for capture, and as capture writes it), NULL in another.
describe('InputLoader and empty strings', () => {
  let session: EngineSession;
  let dir: string;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 1 });
    dir = mkdtempSync(join(tmpdir(), 'input-empty-'));
  });
  afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('keeps "" as the empty string in text columns and reads it as NULL in number and date columns', async () => {
    writeFileSync(join(dir, 'raw.csv'), 'Id,Txt,Qty,At\n1,"",,\n2,,"",""\n3,a,4,2026-01-02\n');
    const loader = new InputLoader(session, 1);
    const t = await loader.load(join(dir, 'raw.csv'), table({ Id: 'int', Txt: 'text?', Qty: 'int?', At: 'date?' }));
    const rows = await session.all(`SELECT Id, Txt, Txt IS NULL AS txtNull, Qty, CAST("At" AS VARCHAR) AS at FROM ${quoteIdent(t)} ORDER BY Id`);
    expect(rows).toEqual([
      { Id: 1, Txt: '', txtNull: false, Qty: null, at: null },
      { Id: 2, Txt: null, txtNull: true, Qty: null, at: null },
      { Id: 3, Txt: 'a', txtNull: false, Qty: 4, at: '2026-01-02' },
    ]);
    await loader.settle();
  });
});
