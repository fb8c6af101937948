import { readFeatureLayout, stepsWithPhase, type LayoutScenario } from '../../../src/sections/feature-layout';
import { appendScenarios, applyScenarioEdits, escapeCell, hasOnlyPlaceholders, renderDataTable, replaceScenarios, type ScenarioEdit } from '../../../src/sections/record-feature';
import { statementsFingerprint } from '../../../src/sections/recorded-statements';

const FEATURE = `@proc:dbo.usp_X @lines:1-9 @output:dbo.Out
Feature: a section
  # a person's comment, kept

  Background:
    Given parameter @P:int = 1

  Scenario: empty Then
    Given table dbo.In:
      | Id:int |
      | 1      |
    When the section runs
    Then table dbo.Out is empty:
      |  Id:int |   Name:text? |

  # between scenarios
  @wip @recorded:1999-01-01T00:00:00
  Scenario: recorded before
    Given table dbo.In:
      | Id:int |
    When the section runs
    Then table dbo.Out keyed by Id:
      | Id:int | Name:text? |
      | 9      | old        |
    And scalar @Total:int = 3

  @slow
  Scenario: tagged otherwise
    When the section runs
    Then table dbo.Out:
`;

const TAG = '@recorded:2026-12-03T00:00:00';

async function scenario(text: string, name: string): Promise<LayoutScenario> {
  const layout = await readFeatureLayout(text);
  return layout?.scenarios.find((s) => s.name === name) as LayoutScenario;
}

async function edit(text: string, name: string, make: (sc: LayoutScenario) => ScenarioEdit['edits']): Promise<string> {
  const sc = await scenario(text, name);
  return applyScenarioEdits(text, [{ scenario: sc, tag: TAG, edits: make(sc) }]);
}

const thens = (sc: LayoutScenario) => stepsWithPhase(sc.steps).filter((p) => p.phase === 'Outcome').map((p) => p.step);

describe('applyScenarioEdits', () => {
  it.each([
    ['rows into an empty table, `is empty` dropped, a tag line added', 'empty Then',
      (sc: LayoutScenario) => [{ kind: 'table-edit' as const, step: thens(sc)[0]!, header: ['Id:int', 'Name:text?'], rows: [['1', '"a b "'], ['2', 'NULL']] }],
      ['  @recorded:2026-12-03T00:00:00', '  Scenario: empty Then', '    Then table dbo.Out:', '      | Id:int | Name:text? |', '      | 1      | "a b "     |', '      | 2      | NULL       |']],
    ['the old @recorded tag replaced in place, other tags kept, rows replaced, a scalar value replaced', 'recorded before',
      (sc: LayoutScenario) => [
        { kind: 'table-edit' as const, step: thens(sc)[0]!, header: ['Id:int', 'Name:text?'], rows: [] },
        { kind: 'scalar-edit' as const, step: thens(sc)[1]!, value: '42' }],
      ['  @wip @recorded:2026-12-03T00:00:00', '      | Id:int | Name:text? |\n    And scalar @Total:int = 42']],
    ['a Then without a data table gets one; the tag joins the tag line', 'tagged otherwise',
      (sc: LayoutScenario) => [{ kind: 'table-edit' as const, step: thens(sc)[0]!, header: ['Id:int'], rows: [['7']] }],
      ['  @slow @recorded:2026-12-03T00:00:00\n  Scenario: tagged otherwise', '    Then table dbo.Out:\n      | Id:int |\n      | 7      |']],
  ])('%s', async (_what, name, make, expected) => {
    const out = await edit(FEATURE, name, make);
    for (const e of expected) expect(out).toContain(e);
    // everything outside the edited scenario (its tags to its last line) is byte-identical
    const before = FEATURE.split('\n');
    const after = out.split('\n');
    const sc = await scenario(FEATURE, name);
    const first = Math.min(sc.line, ...sc.tags.map((t) => t.line)) - 1;
    expect(after.slice(0, first)).toEqual(before.slice(0, first));
    const tail = before.slice(sc.lastLine);
    expect(after.slice(after.length - tail.length)).toEqual(tail);
  });

  it('keeps CRLF line endings and the other scenarios byte for byte', async () => {
    const crlf = FEATURE.replace(/\n/g, '\r\n');
    const out = await edit(crlf, 'empty Then', (sc) => [{ kind: 'table-edit', step: thens(sc)[0]!, header: ['Id:int'], rows: [['1']] }]);
    expect(out).not.toMatch(/[^\r]\n/);
    const tail = crlf.slice(crlf.indexOf('  # between scenarios'));
    expect(out.endsWith(tail)).toBe(true);
    expect(out.startsWith(crlf.slice(0, crlf.indexOf('  Scenario: empty Then')))).toBe(true);
  });

  it('adds the start values the run took from defaults as Given steps before When', async () => {
    const sc = await scenario(FEATURE, 'empty Then');
    const out = applyScenarioEdits(FEATURE, [{ scenario: sc, tag: TAG, givens: ['Given parameter @End:date? = 2026-11-30'], edits: [{ kind: 'table-edit', step: thens(sc)[0]!, header: ['Id:int'], rows: [['1']] }] }]);
    expect(out).toContain('      | 1      |\n    Given parameter @End:date? = 2026-11-30\n    When the section runs\n    Then table dbo.Out:');
    const back = await scenario(out, 'empty Then');
    expect(back.steps.map((st) => st.text)).toEqual(['table dbo.In:', 'parameter @End:date? = 2026-11-30', 'the section runs', 'table dbo.Out:']);
  });

  it('reads the edited text back as Gherkin with the recorded rows', async () => {
    const out = await edit(FEATURE, 'empty Then', (sc) => [{ kind: 'table-edit', step: thens(sc)[0]!, header: ['Id:int', 'Name:text?'], rows: [['1', 'a|b\\c']] }]);
    const sc = await scenario(out, 'empty Then');
    expect(sc.tags.map((t) => t.name)).toEqual([TAG]);
    expect(thens(sc)[0]?.table?.rows).toEqual([['Id:int', 'Name:text?'], ['1', 'a|b\\c']]);
  });
});

describe('hasOnlyPlaceholders', () => {
  it.each([
    ['a header without rows', 'empty Then', true],
    ['hand-written rows and a scalar', 'recorded before', false],
    ['a table step without a data table', 'tagged otherwise', true],
  ])('%s -> %s', async (_what, name, expected) => {
    expect(hasOnlyPlaceholders(thens(await scenario(FEATURE, name)))).toBe(expected);
  });

  it.each([
    ['| Id:int |\n      | TODO |', true],
    ['| Id:int |\n      | ... |', true],
    ['| Id:int |\n      | 0 |', false],
  ])('rows %s -> %s', async (table, expected) => {
    const text = `Feature: f\n  Scenario: s\n    When the section runs\n    Then table dbo.Out:\n      ${table}\n    And scalar @x:int = TODO\n`;
    expect(hasOnlyPlaceholders(thens(await scenario(text, 's')))).toBe(expected);
  });
});

describe('cells and tables', () => {
  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
  ])('escapeCell(%j) = %j', (value, expected) => {
    expect(escapeCell(value)).toBe(expected);
  });

  it('aligns columns by the widest cell', () => {
    expect(renderDataTable('  ', ['A:int', 'Longer:text'], [['100000', 'x']])).toEqual(['  | A:int  | Longer:text |', '  | 100000 | x           |']);
  });

  it.each([
    ['LF', 'Feature: f\n  Scenario: a\n', 'Feature: f\n  Scenario: a\n\n  Scenario: b\n'],
    ['CRLF', 'Feature: f\r\n  Scenario: a\r\n\r\n', 'Feature: f\r\n  Scenario: a\r\n\r\n  Scenario: b\r\n'],
  ])('appendScenarios keeps %s endings', (_what, text, expected) => {
    expect(appendScenarios(text, ['  Scenario: b'])).toBe(expected);
  });
});

describe('the @statements tag of a recording', () => {
  it('is replaced with the @recorded tag it goes with, wherever it stands on that line', async () => {
    for (const [tags, want] of [
      ['  @wip @recorded:1999-01-01T00:00:00 @statements:aaaaaaaaaaaa', '  @wip @recorded:2026-12-03T00:00:00 @statements:bbbbbbbbbbbb'],
      ['  @statements:aaaaaaaaaaaa @recorded:1999-01-01T00:00:00 @wip', '  @recorded:2026-12-03T00:00:00 @statements:bbbbbbbbbbbb @wip'],
    ] as const) {
      const text = FEATURE.replace('  @wip @recorded:1999-01-01T00:00:00', tags);
      const sc = await scenario(text, 'recorded before');
      const out = applyScenarioEdits(text, [{ scenario: sc, tag: `${TAG} @statements:bbbbbbbbbbbb`, edits: [] }]);
      expect(out.split('\n')[16]).toBe(want);
      expect(out.replace(want, tags)).toBe(text);
    }
  });

  it('a scenario recorded again takes the place of the old one, every other byte kept', async () => {
    const sc = await scenario(FEATURE, 'recorded before');
    const out = replaceScenarios(FEATURE, [{ scenario: sc, block: '  @recorded:2026-12-03T00:00:00\n  Scenario: recorded before\n    When the section runs' }]);
    expect(out).toBe(FEATURE.replace(/ {2}@wip @recorded:1999[^]*?And scalar @Total:int = 3/, '  @recorded:2026-12-03T00:00:00\n  Scenario: recorded before\n    When the section runs'));
    expect(out).toContain('  # between scenarios\n  @recorded:2026');
  });
});

describe('statementsFingerprint', () => {
  const proc = 'CREATE PROCEDURE dbo.p AS\nBEGIN\n  UPDATE dbo.T SET A = 1;\n\n  DELETE dbo.T WHERE A = 2;\nEND\n';
  it('ignores indentation and blank lines, not any other edit or a line more', () => {
    const base = statementsFingerprint(proc, [{ start: 3, end: 5 }]);
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(statementsFingerprint(proc.replace('  UPDATE dbo.T SET A = 1;\n\n', '\tUPDATE  dbo.T\tSET A = 1;\n'), [{ start: 3, end: 4 }])).toBe(base);
    expect(statementsFingerprint(proc.replace('A = 2', 'A = 3'), [{ start: 3, end: 5 }])).not.toBe(base);
    expect(statementsFingerprint(proc, [{ start: 2, end: 5 }])).not.toBe(base);
  });
});
