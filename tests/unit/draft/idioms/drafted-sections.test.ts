import { join } from 'node:path';
import { failingScenarios } from './draft-harness';

const repo = join(__dirname, '../../../..');
const fixtures = join(repo, 'tests/fixtures/draft-idioms');

describe('drafted loops pass their sections\' hand-written scenarios', () => {
  it.each([
    ['dbo.usp_CountEntityLetters (a)+(b)', join(repo, 'procedures/dbo.usp_CountEntityLetters.sql'), join(repo, 'sections/dbo.usp_CountEntityLetters/01-count-letters.feature'), /\(a\).*\(b\)/],
    ['dbo.usp_RefreshCustomerOrderStats (a)', join(fixtures, 'dbo.usp_RefreshCustomerOrderStats.sql'), join(fixtures, 'sections/dbo.usp_RefreshCustomerOrderStats/01-order-stats.feature'), /\(a\)/],
    ['dbo.usp_FillDailyOrderCounts (e)', join(fixtures, 'dbo.usp_FillDailyOrderCounts.sql'), join(fixtures, 'sections/dbo.usp_FillDailyOrderCounts/01-daily-counts.feature'), /\(e\) WHILE over dates/],
    ['dbo.usp_BuildAccountBalances (c)', join(fixtures, 'dbo.usp_BuildAccountBalances.sql'), join(fixtures, 'sections/dbo.usp_BuildAccountBalances/01-balances.feature'), /\(c\) running values/],
    ['dbo.usp_MergeStagedProducts (d)', join(fixtures, 'dbo.usp_MergeStagedProducts.sql'), join(fixtures, 'sections/dbo.usp_MergeStagedProducts/01-apply-batch.feature'), /\(d\) per-row lookup/],
    ['dbo.usp_ProfileSkus (a)+(b)', join(fixtures, 'dbo.usp_ProfileSkus.sql'), join(fixtures, 'sections/dbo.usp_ProfileSkus/01-sku-profile.feature'), /\(b\) loop over characters/],
  ])('%s', async (_name, proc, feature, idiom) => {
    const r = await failingScenarios(proc, feature);
    expect(r.idiom).toMatch(idiom);
    if (r.failures.length > 0) throw new Error(`${r.failures.join('\n')}\n--- drafted SQL ---\n${r.sql}`);
  });
});
