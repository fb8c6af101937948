import { draftSection } from '../../../src/draft/draft-section';
import { tableTriggers } from '../../../src/sections';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, type HarnessTable } from './draft-harness';

// The section's UPDATE fires an audit trigger writing dbo.RateAudit, one of the section's
// outputs: a draft of the UPDATE alone would hand the audit table on unchanged, so that output
// is refused at the UPDATE, naming the trigger; the rate table itself is drafted.
const RATE: HarnessTable = { name: 'dbo.Rate', columns: ['RateNo:int', 'Amount:decimal(9,2)'] };
const DDL = 'CREATE TABLE dbo.Rate (RateNo int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL);\nGO\nCREATE TABLE dbo.RateAudit (RateNo int NOT NULL, OldAmount decimal(9,2) NULL);';
const TRIGGER = `CREATE TRIGGER dbo.trRate_Audit ON dbo.Rate FOR UPDATE AS
  INSERT INTO dbo.RateAudit (RateNo, OldAmount) SELECT RateNo, Amount FROM deleted
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  UPDATE r SET Amount = Amount * 2 FROM dbo.Rate AS r WHERE r.RateNo > 1;
END
`;

describe('drafting a section whose write fires a trigger', () => {
  it('refuses the output the trigger writes, naming it, and drafts the table the statement writes', () => {
    const input = draftInputOf(PROC, { inputs: [RATE, { name: 'dbo.RateAudit', columns: ['RateNo:int', 'OldAmount:decimal(9,2)?'] }], output: RATE, ddl: DDL });
    const triggers = tableTriggers([parseScript(TRIGGER, { file: 'procedures/triggers.sql' })], 'dbo');
    const text = draftSection({ ...input, triggers, info: { ...input.info, moreOutputs: [{ name: 'dbo.RateAudit', columns: [{ name: 'RateNo', type: { base: 'int', nullable: false } }, { name: 'OldAmount', type: { base: 'decimal', precision: 9, scale: 2, nullable: true } }] as never }] } });
    expect(text).toMatch(/\/\/ NOT TRANSLATED .*:3:10: UPDATE of dbo\.Rate: it fires the trigger dbo\.trRate_Audit \(FOR UPDATE, procedures\/triggers\.sql:1\), which writes dbo\.RateAudit/);
    expect(text).toMatch(/'dbo\.RateAudit': \{ output: table\(.*\), sql: \(\) => notImplemented\(/);
    // the rate table's own draft stays
    expect(text).toContain("${table('dbo.Rate')}");
  });
});
