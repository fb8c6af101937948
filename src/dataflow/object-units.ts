import type { ContainerStatement, DataType, ParsedScript, Statement } from '../tsql';
import { creationSettingsOf, definitionVerbIn, displayObjectName, normalizeObjectName } from '../tsql';
import type { CreationSettings, DefinitionVerb, LineRange, ObjectKind, ParameterInfo } from './graph';

/** One object to analyse: a procedure, function, trigger or view, or a file's top-level code. */
export interface AnalysisUnit {
  readonly kind: 'analysis-unit';
  readonly objectKind: ObjectKind;
  /** Normalised name (`dbo.usp_x`, `script.<file stem>`). */
  readonly name: string;
  readonly displayName: string;
  readonly file: string;
  readonly lines: LineRange;
  readonly container: ContainerStatement | undefined;
  readonly statements: readonly Statement[];
  readonly parameters: readonly ParameterInfo[];
  /** How the object was defined (undefined for a script). */
  readonly verb?: DefinitionVerb;
  /** The session settings OFF when it was created (see AnalysedObject.createdUnder). */
  readonly createdUnder?: CreationSettings;
}

const KIND_OF: { readonly [K in ContainerStatement['kind']]: ObjectKind } = {
  CreateProcedure: 'procedure', CreateFunction: 'function', CreateTrigger: 'trigger', CreateView: 'view',
};

/** Upper-case type text with arguments: `DECIMAL(18, 2)`, `VARCHAR(MAX)`; a schema-qualified user type as written. */
export function formatDataType(t: DataType): string {
  // A schema-qualified type is a user-defined one (`Website.OrderLineList`): its name as written.
  const written = t.name.parts.map((p) => p.name).join('.');
  const name = t.name.parts.length > 1 ? written : written.toUpperCase();
  return t.args.length > 0 ? `${name}(${t.args.map((a) => a.toUpperCase()).join(', ')})` : name;
}

/** The stem of a file name without directories and `.sql`: `procs/Load Sales.sql` -> `load sales`. */
/** A file's name without `.sql`, as written (the object's name lower-cases it, as names are keyed). */
function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.sql$/i, '');
}

/**
 * Cuts a parsed script into analysis units: one per CREATE/ALTER of a procedure, function,
 * trigger or view (its body), plus one `script` unit holding the statements outside them
 * (undefined when there are none).
 */
export function splitObjects(script: ParsedScript, defaultSchema = 'dbo'): { readonly objects: AnalysisUnit[]; readonly script: AnalysisUnit | undefined } {
  const objects: AnalysisUnit[] = [];
  const loose: Statement[] = [];
  for (const batch of script.batches) {
    for (const s of batch.statements) {
      if (s.kind === 'CreateProcedure' || s.kind === 'CreateFunction' || s.kind === 'CreateTrigger' || s.kind === 'CreateView') {
        objects.push(containerUnit(s, script, defaultSchema));
      } else {
        loose.push(s);
      }
    }
  }
  const stem = fileStem(script.file);
  const scriptUnit: AnalysisUnit | undefined = loose.length === 0 ? undefined : {
    kind: 'analysis-unit', objectKind: 'script', name: `script.${stem.toLowerCase()}`, displayName: `script ${stem}`,
    file: script.file, lines: { start: 1, end: Math.max(1, script.lineCount) }, container: undefined, statements: loose, parameters: [],
  };
  return { objects, script: scriptUnit };
}

/**
 * The parameters a procedure or function declares, as reports show them: type as written
 * (normalised), default as its source text, OUTPUT and READONLY flags. Other containers have none.
 */
export function parameterInfos(s: ContainerStatement, script: ParsedScript): ParameterInfo[] {
  if (s.kind !== 'CreateProcedure' && s.kind !== 'CreateFunction') return [];
  return s.parameters.map((p) => {
    const info: ParameterInfo = { kind: 'parameter', name: p.name, type: formatDataType(p.dataType), output: p.output };
    const withDefault = p.default ? { ...info, default: script.lineIndex.text.slice(p.default.span.start.offset, p.default.span.end.offset) } : info;
    return p.readonly ? { ...withDefault, readonly: true } : withDefault;
  });
}

/** The analysis unit of one procedure, function, trigger or view (its body). */
export function containerUnit(s: ContainerStatement, script: ParsedScript, defaultSchema: string): AnalysisUnit {
  const parameters = parameterInfos(s, script);
  return {
    kind: 'analysis-unit',
    objectKind: KIND_OF[s.kind],
    name: normalizeObjectName(s.name, defaultSchema),
    // A part holding a dot or a bracket keeps its brackets, as tables' names do.
    displayName: displayObjectName(s.name.parts.map((p) => p.name).filter((p) => p !== '')),
    file: script.file,
    lines: { start: s.span.start.line, end: s.span.end.line },
    container: s,
    statements: s.body,
    parameters,
    verb: definitionVerbIn(s, script),
    ...createdUnderOf(s, script),
  };
}

/** Where the script turned ANSI_NULLS or QUOTED_IDENTIFIER OFF before the CREATE, if it did. */
function createdUnderOf(s: ContainerStatement, script: ParsedScript): { createdUnder?: CreationSettings } {
  const settings = creationSettingsOf(script, s);
  if (settings === undefined) return {};
  return { createdUnder: {
    ...(settings.ansiNullsOff ? { ansiNullsOff: settings.ansiNullsOff.start.line } : {}),
    ...(settings.quotedIdentifierOff ? { quotedIdentifierOff: settings.quotedIdentifierOff.start.line } : {}),
  } };
}
