import { draftSection } from './draft-harness';
it('probe', async () => {
  const r = await draftSection('/tmp/dfx/dbo.usp_FlagAll.sql', '/tmp/dfx/sections/dbo.usp_FlagBigStoreDays/01-big-days.feature');
  console.log(r.idiom, '\n', r.sql, '\n', JSON.stringify((r as unknown as { refusals?: unknown }).refusals ?? null));
});
