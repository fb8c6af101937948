import { relative } from 'node:path';
import { containersInEffect, creationSettingsOf, temporalTables, type ParsedScript } from '../tsql';
import { collectHistoryTables } from '../dataflow';
import { tableTriggers, type SectionSpec, type StubInfo } from '../sections';
import { collectComputedColumns, collectDdlTypes } from './ddl-types';
import { collectCheckConstraints } from './check-constraints';
import { collectKeyConstraints } from './key-constraints';
import { collectNotNullColumns } from './not-null-columns';
import { draftSection } from './draft-section';
import { collectVersionedTables } from './versioned-writes';
import { collectTableTypes } from './local-table-types';
import { collectUserFunctions } from './user-functions';
import { collectViewsAndSynonyms } from './tables-behind';
import { renderDraftTransform } from './render-draft';

/** A parsed legacy script with its text (the drafter quotes legacy statements in refusals). */
export interface LegacyScript {
  readonly file: string;
  readonly text: string;
  readonly script: ParsedScript;
}

/**
 * The transform renderer `scaffold --draft` passes to scaffoldSection: finds the section's
 * procedure among the workspace's scripts and drafts the transform from its statements. A
 * procedure it cannot find drafts as a refusal saying so (the test then fails, naming it).
 */
export function createSectionDrafter(root: string, scripts: readonly LegacyScript[], defaultSchema = 'dbo'): (info: StubInfo, spec: SectionSpec) => string {
  const ddl = collectDdlTypes(scripts.map((s) => s.script), defaultSchema);
  // a computed column's refusal names its CREATE TABLE's file as people read it
  const computed = new Map([...collectComputedColumns(scripts.map((s) => s.script), defaultSchema)]
    .map(([key, cols]) => [key, cols.map((c) => ({ ...c, file: relative(root, c.file) || c.file }))]));
  // The definition in effect (an upgrade script's ALTER over the CREATE), as the emulator runs it.
  const procedures = containersInEffect(scripts.map((s) => s.script), 'CreateProcedure', defaultSchema);
  const sources = new Map(scripts.map((s) => [s.script, s]));
  const versioned = collectVersionedTables(scripts.map((s) => s.script), defaultSchema);
  const versionedHistory = collectHistoryTables(scripts.map((s) => s.script), defaultSchema);
  const temporal = temporalTables(scripts.map((s) => s.script), defaultSchema);
  const checks = collectCheckConstraints(scripts.map((s) => s.script), defaultSchema, (f) => relative(root, f) || f);
  const keys = collectKeyConstraints(scripts.map((s) => s.script), defaultSchema, (f) => relative(root, f) || f);
  const notNull = collectNotNullColumns(scripts.map((s) => s.script), defaultSchema);
  const tableTypes = collectTableTypes(scripts.map((s) => s.script), (f) => relative(root, f) || f);
  const userFunctions = collectUserFunctions(scripts.map((s) => ({ ...s, file: relative(root, s.file) || s.file })), defaultSchema);
  const viewsAndSynonyms = collectViewsAndSynonyms(scripts.map((s) => s.script), defaultSchema);
  const triggers = tableTriggers(scripts.map((s) => s.script), defaultSchema, (f) => relative(root, f) || f);
  return (info, spec) => {
    const found = procedures.get(spec.procedure);
    const s = found && sources.get(found.script);
    if (found && s) {
      const st = found.statement;
      const file = relative(root, s.file) || s.file;
      try {
        const ansiNullsOff = creationSettingsOf(found.script, st)?.ansiNullsOff;
        return draftSection({ info, spec, procedure: st, file, text: s.text, ddl, computed, checks, keys, notNull, versioned, versionedHistory, temporal, tableTypes, userFunctions, viewsAndSynonyms, triggers, ...(ansiNullsOff ? { ansiNullsOff } : {}) });
      } catch (err) {
        // A drafter bug must not cost the engineer the stub: the draft says where it gave up.
        return renderDraftTransform(info, {
          sql: undefined, idioms: [], notes: [],
          refusals: [{ kind: 'refusal', file, line: st.span.start.line, col: st.span.start.column, construct: `procedure ${spec.procedureName ?? spec.procedure}`, reason: `the drafter failed (${err instanceof Error ? err.message : String(err)}); please report it`, legacyText: '' }],
        });
      }
    }
    return renderDraftTransform(info, {
      sql: undefined, idioms: [], notes: [],
      refusals: [{ kind: 'refusal', file: spec.file, line: spec.line, col: 1, construct: `procedure ${spec.procedureName ?? spec.procedure}`, reason: 'its CREATE PROCEDURE was not found under the workspace\'s procedures folder', legacyText: '' }],
    });
  };
}
