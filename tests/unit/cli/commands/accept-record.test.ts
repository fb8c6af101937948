import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordResults } from '../../../../src/cli/commands/accept';
import { readAcceptanceResult, unclaimedAcceptanceResults } from '../../../../src/sections';

describe('migrate accept --record', () => {
  it('records a table whose input could not be read as not compared, so status never shows the config accepted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      // Before: a config whose only unread table was the result set recorded nothing for it, and
      // its other tables' 100% stood for the whole procedure in `migrate status`.
      recordResults(dir, [], [{ name: 'result-set-1', origin: 'acceptance/Claims.usp_Dedup.yaml', message: 'no such file: actual/result-set-1.csv' }]);
      const recorded = JSON.parse(readFileSync(join(dir, 'Claims.usp_Dedup.json'), 'utf8')) as Record<string, unknown>;
      expect(recorded).toMatchObject({ procedure: 'Claims.usp_Dedup', passed: false, notCompared: [{ name: 'result-set-1', message: 'no such file: actual/result-set-1.csv' }] });
      expect(readAcceptanceResult(dir, 'claims.usp_dedup')?.percentMatched).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a result no procedure reads (a config named for the report, not the procedure), which status showed as `-` silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      recordResults(dir, [], [{ name: 't', origin: 'acceptance/rep-month.yaml', message: 'x' }]);
      recordResults(dir, [], [{ name: 't', origin: 'acceptance/dbo.usp_Kpi_League.yaml', message: 'x' }]);
      expect(unclaimedAcceptanceResults(dir, ['dbo.usp_kpi_league', 'dbo.usp_kpi_buildrepmonth'])).toEqual(['rep-month.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts a result named by the procedure\'s folder spelling, as write-config names a config after a baseline folder so named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      recordResults(dir, [], [{ name: 'wms.Bin', origin: 'acceptance/wms.usp_Build_Wave.yaml', message: 'x' }]);
      expect(unclaimedAcceptanceResults(dir, ['wms.usp_build wave'])).toEqual([]);
      expect(readAcceptanceResult(dir, 'wms.usp_build wave')?.percentMatched).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
