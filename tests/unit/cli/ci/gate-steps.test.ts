import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateSteps, shellQuote } from '../../../../src/cli/ci/gate-steps';
import { loadWorkspaceConfig } from '../../../../src/sections';

describe('shellQuote', () => {
  it.each([
    ['procedures', 'procedures'],
    ['acceptance/baseline', 'acceptance/baseline'],
    ['legacy code/procs', "'legacy code/procs'"],
    ["it's", "'it'\\''s'"],
  ])('%s -> %s', (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
  });
});

describe('gateSteps', () => {
  it('follows the workspace config paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    try {
      writeFileSync(join(dir, 'migrate.config.yaml'), 'paths:\n  procedures: legacy sql\n  dataflow: docs/flow\n  acceptance: qa\n');
      const c = gateSteps(loadWorkspaceConfig(dir)).map((s) => s.command);
      expect(c).toContain("npx migrate analyze 'legacy sql' --out docs/flow --check");
      expect(c).toContain('npx migrate run --baselines qa/baseline --data qa/data --out qa/actual --format csv');
      expect(c).toContain('npx migrate accept qa/ --junit reports/acceptance.xml --html reports/acceptance.html --record qa/results');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
