import { scenarioParamType } from '../../../src/cli/scenario-params';
import { readFeatureLayout } from '../../../src/sections';

// `record --from-data --param @LoadLogId=8`: a value the section must be given that is no
// parameter of the procedure (set by the load-log section) is typed as propose wrote it into
// the first scenario, so --param can give it.
const FEATURE = `@proc:dw.usp_Load @lines:13-20 @output:dw.Dim
Feature: 02 dw.Dim

  Scenario: TODO name the case
    Given parameter @LoadDate:timestamp? = NULL
    # @LoadLogId is set before this section: write the value it holds when the section starts
    Given parameter @LoadLogId:int? = TODO
    When the section runs
`;

describe('scenarioParamType', () => {
  it("types a value the section must be given from a scenario's Given parameter step, case-insensitively", async () => {
    const layout = await readFeatureLayout(FEATURE);
    if (layout === undefined) throw new Error('no layout');
    expect(scenarioParamType(layout, '@loadlogid')).toEqual(expect.objectContaining({ base: 'int', nullable: true }));
    expect(scenarioParamType(layout, '@Nope')).toBeUndefined();
  });
});
