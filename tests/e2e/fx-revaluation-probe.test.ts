import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A treasury month-end FX revaluation (tests/fixtures/fx-revaluation): the rate "as of" the period
// end by TOP 1 … ORDER BY RateDate DESC (its latest row has a NULL rate, a 16:00 rate of the last
// day is after midnight), a float feed joined on MAX(RateDate), SEK triangulated through EUR
// (decimal(18,6) / decimal(18,6) is decimal(38,20)), ROUND(decimal(19,4) * decimal(18,6), 2), a
// decimal(19,2) - money gain, ISNULL cutting its replacement to the first argument's varchar(8),
// integer-division ageing buckets (toward zero), currency codes in lower case and with trailing
// blanks. Every number below was worked out by hand from SQL Server's documented rules.
const FIXTURE = join(__dirname, '../fixtures/fx-revaluation');

describe('fx revaluation probe: capture reproduces SQL Server to the last digit', () => {
  it('posts the unrealised gains and losses and summarises them per entity and currency', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fx-probe-'));
    try {
      const r = await runMigrate(['capture', 'dbo.usp_FX_RevalueOpenItems', '--data', join(FIXTURE, 'data'), '--procedures', join(FIXTURE, 'procedures'),
        '--param', '@PeriodEnd=2014-03-31', '--out', out]);
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, 'dbo.GLPosting.csv'), 'utf8')).toBe([
        'PostingID,PeriodEnd,ItemID,EntityCode,Account,Amount,Ccy,Descr',
        // 125000 * 1.6698 = 208725.00 (the 16:00 rate of 03-31 is after @d) - 206250
        '1,2014-03-31 00:00:00,1,UK01,7810,2475.00,USD,Reval GBP @ 1.669800',
        // ROUND(-55659.99994434, 2) = -55660.00; - (-54666.6666) = -993.3334 -> decimal(19,2) -993.33
        '2,2014-03-31 00:00:00,2,UK01,7820,-993.33,USD,Reval GBP @ 1.669800',
        '3,2014-03-31 00:00:00,3,DE01,7810,2755.56,USD,Reval EUR @ 1.377900',
        '4,2014-03-31 00:00:00,5,JP01,7820,-1370.37,USD,Reval JPY @ 0.009689',
        // CHF: the latest rate row has a NULL rate (TOP 1 takes it), the float feed's 1.1291 is
        // used; CAST(55555.55 * 1.1291e0 AS decimal(19,4)) = 62727.7715 -> 62727.77 - 61111.105
        '5,2014-03-31 00:00:00,6,CH01,7810,1616.67,USD,',
        // SEK: ROUND(0.1117 / 0.7257, 6) = 0.153920 (0.15392035…)
        '6,2014-03-31 00:00:00,7,SE01,7810,480.00,USD,Reval SEK @ 0.153920',
        '7,2014-03-31 00:00:00,8,SE01,7820,-3.92,USD,Reval SEK @ 0.153920',
        '8,2014-03-31 00:00:00,12,CH01,7820,-182.00,USD,',
        '',
      ].join('\n'));
      expect(readFileSync(join(out, 'result-set-1.csv'), 'utf8')).toBe([
        'Entity,Ccy,Items,AmtTxn,RevalUSD,GainLoss,RevalUnrounded,WorstBucket,AnyFlag,AvgSpot',
        // ISNULL(Spot, SpotF) is decimal(18,6) (its first argument's type): decimal(38,10) products;
        // the -1 day item is bucket 0 (-1 / 30 truncates toward zero), ISNULL(Note, 'NO NOTE GIVEN')
        // is cut to varchar(8)
        'CH01,CHF,2,35555.5500,40145.77,1434.67,40145.7715050000,1,"NO NOTE ",',
        // item 4: 0.005 * 1.3779 = 0.0068895 -> 0.01, a gain of 0.0032 -> 0.00, so not posted
        'DE01,EUR,2,98765.4371,136088.90,2755.56,136088.8957800900,1,dust,1.377900',
        'JP01,JPY,1,12345678.0000,119617.27,-1370.37,119617.2741420000,-1,"NO NOTE ",0.009689',
        'SE01,SEK,2,249000.0000,38326.08,476.08,38326.0800000000,0,"NO NOTE ",0.153920',
        'UK01,GBP,2,91666.6667,153065.00,1481.67,153065.0000556600,0,disputed,1.669800',
        'US01,USD,1,5000.0000,5000.00,0.00,5000.0000000000,1,"NO NOTE ",1.000000',
        '',
      ].join('\n'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
