import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// The ETL step log: after each load statement `SET @rc = @@ROWCOUNT` and a row of dbo.EtlStep
// recording it, @rc set again for every step. The step table is not named like a log, so it is
// no housekeeping; cut into sections of their own, the INSERTs all read @rc, which `migrate run`
// can give only one value (RUN_VALUE_AMBIGUOUS). They go with the statement whose count they record.
const text = readFileSync(join(__dirname, '../../fixtures/step-log/usp_LoadCustomers.sql'), 'utf8');

async function proposeAndCheck(sql: string) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec, problems } = await parseFeature(skeleton, `sections/dbo.usp_LoadCustomers/${s.number}-${s.slug}.feature`, { catalog });
    expect(problems).toEqual([]);
    specs.push(spec as SectionSpec);
  }
  return { heads: sections.map((s) => s.skeleton.split('\n')[0] ?? ''), skeletons: sections.map((s) => s.skeleton), problems: checkProcedureSections(outline, graph, specs).filter((p) => p.code !== 'SPEC_TODO') };
}

describe('sections propose on step-log rows of a count set once per step', () => {
  it('puts each step row in the section of the statement it counts, the step table one more output of each', async () => {
    const { heads, skeletons, problems } = await proposeAndCheck(text);
    expect(heads).toEqual([
      '@proc:dbo.usp_LoadCustomers @lines:15-16 @ignored',
      '@proc:dbo.usp_LoadCustomers @lines:17-26 @output:dbo.Customer,dbo.EtlStep',
      '@proc:dbo.usp_LoadCustomers @lines:27-31 @output:dbo.OrderFact,dbo.EtlStep',
    ]);
    // the count is computed inside the section: no section is given @rc
    expect(skeletons.join('\n')).not.toContain('Given parameter @rc');
    // the second section adds its row to what the first left
    expect(skeletons[2]).toContain('Given table dbo.EtlStep:');
    expect(problems).toEqual([]);
  });

  it('leaves a step table named like a log in housekeeping with the counts, and check accepts it', async () => {
    const { heads, problems } = await proposeAndCheck(text.replace(/dbo\.EtlStep\b/g, 'dbo.EtlStepLog'));
    expect(heads).toEqual([
      '@proc:dbo.usp_LoadCustomers @lines:15-16,20-21,25-26,30-31 @ignored',
      '@proc:dbo.usp_LoadCustomers @lines:17-19,22-24 @output:dbo.Customer',
      '@proc:dbo.usp_LoadCustomers @lines:27-29 @output:dbo.OrderFact',
    ]);
    expect(problems).toEqual([]);
  });

  it('keeps the rows apart when another statement also writes the step table (its rows then depend on the order of sections)', async () => {
    const closing = text.replace("VALUES (@BatchId, 'orders', @rc);\nEND", "VALUES (@BatchId, 'orders', @rc);\n    UPDATE dbo.EtlStep SET RowsAffected = 0 WHERE BatchId = @BatchId AND RowsAffected < 0;\nEND");
    expect(closing).not.toBe(text);
    const { heads } = await proposeAndCheck(closing);
    expect(heads.filter((h) => h.includes('@output:dbo.EtlStep')).length).toBeGreaterThan(0);
    expect(heads.some((h) => /@output:dbo\.(Customer|OrderFact),dbo\.EtlStep/.test(h))).toBe(false);
  });

  it('keeps a row whose count is set once apart: its one reader is given it as a parameter', async () => {
    const once = text.replace(/ {4}SET @rc = @@ROWCOUNT;\n {4}INSERT dbo\.EtlStep \(BatchId, Step, RowsAffected\) VALUES \(@BatchId, 'customers (updated|inserted)', @rc\);\n/g, '');
    expect(once).not.toContain("'customers");
    const { heads, skeletons, problems } = await proposeAndCheck(once);
    expect(heads.slice(1).map((h) => h.replace(/@lines:\S+ /, ''))).toEqual([
      '@proc:dbo.usp_LoadCustomers @output:dbo.Customer',
      '@proc:dbo.usp_LoadCustomers @output:dbo.OrderFact',
      '@proc:dbo.usp_LoadCustomers @output:dbo.EtlStep',
    ]);
    expect(skeletons[3]).toContain('Given parameter @rc:int? = TODO');
    expect(problems).toEqual([]);
  });

  it('keeps a row written only when the count says so (an IF around the INSERT) apart from the count', async () => {
    const conditional = text.replace("    INSERT dbo.EtlStep (BatchId, Step, RowsAffected) VALUES (@BatchId, 'orders', @rc);", "    IF @rc > 0 INSERT dbo.EtlStep (BatchId, Step, RowsAffected) VALUES (@BatchId, 'orders', @rc);");
    expect(conditional).not.toBe(text);
    const { heads } = await proposeAndCheck(conditional);
    expect(heads.some((h) => /@output:dbo\.(Customer|OrderFact),dbo\.EtlStep/.test(h))).toBe(false);
  });
});
