import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { displayPath, writeFileAtomic } from '../../core';
import { loadWorkspaceConfig, runSectionTests, sectionPassed, type SectionTestRun } from '../../sections';
import { renderCobertura, lineCoverage } from '../code-coverage/cobertura';
import { collectV8Coverage } from '../code-coverage/v8-coverage';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { formatTable, paint } from '../output';
import type { ActionWrapper } from '../program';
import { renderSectionJunit } from '../section-test-junit';

interface TestFlags {
  readonly junit?: string;
  readonly coverage?: string;
  readonly json?: boolean;
  readonly root: string;
}

/** The `--json` object of DESIGN.md: `{"sections":[{"id","scenarios","passed","failed"}],"passed"}`. */
export function testRunJson(run: SectionTestRun): { sections: { id: string; scenarios: number; passed: number; failed: number }[]; passed: boolean } {
  return {
    sections: run.sections.map((s) => {
      const passed = s.scenarios.filter((x) => x.passed).length;
      return { id: s.id, scenarios: s.scenarios.length, passed, failed: s.problem !== undefined ? Math.max(1, s.scenarios.length) : s.scenarios.length - passed };
    }),
    passed: run.passed,
  };
}

/** The per-section table, each failure with its place in the spec and what differs, and a summary line. */
export function renderTestReport(run: SectionTestRun, root: string): string {
  const rows = run.sections.map((s) => {
    const passed = s.scenarios.filter((x) => x.passed).length;
    const failed = s.problem !== undefined ? '-' : String(s.scenarios.length - passed);
    const verdict = s.problem !== undefined ? paint('red', 'spec problems') : sectionPassed(s) ? paint('green', 'pass') : paint('red', 'FAIL');
    return [s.id, String(s.scenarios.length), String(passed), failed, verdict];
  });
  const out = [formatTable(['section', 'scenarios', 'passed', 'failed', 'result'], rows)];
  const rel = (f: string): string => relative(root, f).split(sep).join('/');
  for (const s of run.sections) {
    if (s.problem !== undefined) out.push('', `${paint('red', 'FAIL')} ${s.id}: the spec has problems (see \`migrate sections check\`)`, ...s.problem.split('\n').map((l) => `  ${l}`));
    for (const sc of s.scenarios.filter((x) => !x.passed)) {
      out.push('', `${paint('red', 'FAIL')} ${s.id} › ${sc.scenario} (${rel(s.file)}:${sc.line})`, ...sc.message.split('\n').map((l) => `  ${l}`));
    }
  }
  const scenarios = run.sections.reduce((a, s) => a + s.scenarios.length, 0);
  const passed = run.sections.reduce((a, s) => a + s.scenarios.filter((x) => x.passed).length, 0);
  const red = run.sections.filter((s) => !sectionPassed(s)).length;
  out.push('', `${run.sections.length} section${run.sections.length === 1 ? '' : 's'}, ${scenarios} scenario${scenarios === 1 ? '' : 's'}: `
    + `${passed} passed, ${scenarios - passed} failed${red > 0 ? paint('red', ` (${red} section${red === 1 ? '' : 's'} red)`) : ''}`);
  return out.join('\n');
}

/** Registers `migrate test`: the sections' scenarios and entity-independence checks, for CI. */
export function registerTest(program: Command, run: ActionWrapper): void {
  program.command('test')
    .description('run every scenario and entity-independence check of the sections (the suite the generated jest tests run) and record the results for `migrate status`')
    .argument('[target]', 'a procedure (dbo.usp_X) or a section (dbo.usp_X/01-slug); default: all')
    .option('--junit <file>', 'write JUnit XML, one test case per scenario')
    .option('--coverage <dir>', 'write Cobertura XML line coverage of the transforms to <dir>/cobertura-coverage.xml')
    .option('--json', 'print {"sections":[{"id","scenarios","passed","failed"}],"passed"}')
    .option('--root <dir>', 'workspace root', '.')
    .action(run(async (target: string | undefined, flags: TestFlags) => {
      const config = loadWorkspaceConfig(resolve(flags.root));
      const transformsDir = resolve(config.root, config.paths.transforms) + sep;
      let result: SectionTestRun;
      if (flags.coverage) {
        const { value, scripts } = await collectV8Coverage((f) => f.startsWith(transformsDir), () => runSectionTests(config, target));
        result = value;
        const file = join(resolve(flags.coverage), 'cobertura-coverage.xml');
        writeFileAtomic(file, renderCobertura(scripts.map(lineCoverage), config.root));
        process.stderr.write(`coverage of ${scripts.length} transform${scripts.length === 1 ? '' : 's'} written to ${displayPath(file)}\n`);
      } else {
        result = await runSectionTests(config, target);
      }
      if (flags.junit) writeFileAtomic(resolve(flags.junit), renderSectionJunit(result.sections, config.root));
      if (flags.json) process.stdout.write(`${JSON.stringify(testRunJson(result))}\n`);
      else process.stdout.write(`${renderTestReport(result, config.root)}\n`);
      return result.passed ? EXIT_OK : EXIT_FAILED;
    }));
}
