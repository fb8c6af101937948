import { defineTransform, EngineSession, table } from '../../../src/engine';
import { parseFeature, runScenario, type SectionSpec } from '../../../src/sections';
import { readFeatureLayout, type LayoutScenario } from '../../../src/sections/feature-layout';
import { applyScenarioEdits } from '../../../src/sections/record-feature';

// `Then value @BatchId:int? = 500`: what a section leaves in a variable for later sections,
// compared with the value its transform declares (Transform.values).
const feature = (value: string): string => `@proc:etl.p @lines:1-2 @output:etl.LoadBatch
Feature: batch
  Scenario: one batch row
    Given table etl.LoadBatch:
      | [Batch Id]:int | Source:text |
      | 499            | Invoices    |
    When the section runs
    Then table etl.LoadBatch:
      | [Batch Id]:int | Source:text |
      | 499            | Invoices    |
      | 500            | Invoices    |
    And value ${value}
`;

const batch = (withValue: boolean) => defineTransform({
  name: 'etl.p/01-batch', inputs: { 'etl.LoadBatch': table({ 'Batch Id': 'int', Source: 'text' }) }, outputName: 'etl.LoadBatch', output: table({ 'Batch Id': 'int', Source: 'text' }),
  sql: ({ table: t }) => `SELECT "Batch Id", Source FROM ${t('etl.LoadBatch')} UNION ALL SELECT CAST(max("Batch Id") + 1 AS INTEGER), 'Invoices' FROM ${t('etl.LoadBatch')}`,
  ...(withValue ? { values: { '@BatchId': { type: 'int?', sql: ({ output }) => `SELECT max("Batch Id") FROM ${output()}` } } } : {}),
});

describe('Then value steps', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  const first = async (value: string, withValue: boolean): Promise<ReturnType<typeof runScenario>> => {
    const { spec, problems } = await parseFeature(feature(value), 'sections/etl.p/01-batch.feature');
    expect(problems).toEqual([]);
    const s = spec as SectionSpec;
    return runScenario(session, batch(withValue), s, s.scenarios[0] as SectionSpec['scenarios'][number]);
  };

  it('parses the name as written, bracketed names included, with its type and place', async () => {
    const { spec } = await parseFeature(feature('[Grand Total]:decimal(14,2)? = 1.50'), 'f.feature');
    expect(spec?.scenarios[0]?.scalars[0]).toMatchObject({ name: 'Grand Total', value: 1.5, line: 12, column: 9 });
    const typed = await parseFeature(feature('@BatchId:int? = 500'), 'f.feature');
    expect(typed.spec?.scenarios[0]?.scalars[0]).toMatchObject({ name: '@BatchId', value: 500, type: { base: 'int', nullable: true } });
  });

  it('passes when the declared value is the one stated', async () => {
    expect(await first('@BatchId:int? = 500', true)).toMatchObject({ passed: true });
  });

  it('fails at the step when the declared value differs', async () => {
    const result = await first('@BatchId:int? = 501', true);
    expect(result.passed).toBe(false);
    expect(result.message).toContain('sections/etl.p/01-batch.feature:12:9: value @BatchId: expected 501, got 500');
  });

  it('fails, saying what to declare, when the transform declares no such value', async () => {
    const result = await first('@BatchId:int? = 500', false);
    expect(result.message).toContain("01-batch.feature:12:9: @BatchId: the transform declares no value @BatchId (it has no values) and its output has no column BatchId; declare it: values: { '@BatchId': { type: 'int?'");
  });

  it('fails while the stated value is still TODO', async () => {
    const result = await first('@BatchId:int? = TODO', true);
    expect(result.message).toContain('the expected value is still TODO (the transform gives 500)');
  });

  it('is written by record after the scenario\'s last step, the rest of the file byte for byte', async () => {
    const text = feature('@Other:int? = 1').replace('    And value @Other:int? = 1\n', '');
    const layout = await readFeatureLayout(text);
    const sc = layout?.scenarios[0] as LayoutScenario;
    const out = applyScenarioEdits(text, [{ scenario: sc, tag: '@recorded:2026-01-05T02:00:00', edits: [], thens: ['value @BatchId:int? = 500'] }]);
    expect(out).toBe(text.replace('  Scenario: one', '  @recorded:2026-01-05T02:00:00\n  Scenario: one').replace('      | 500            | Invoices    |\n', '      | 500            | Invoices    |\n    And value @BatchId:int? = 500\n'));
  });
});
