import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

/** The graph `analyze` builds for the object `name` (lower case) of `proc`, its tables defined by `ddl`. */
export function graphOf(ddl: string, proc: string, name: string): NonNullable<ReturnType<typeof analyzeFile>['defined'][number]['graph']> {
  const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');
  const procUnit = unitOf('p.sql', proc);
  const graph = analyzeFile(procUnit, setContextOf([unitOf('ddl.sql', ddl), procUnit], 'dbo')).defined.find((d) => d.graph.object.name === name)?.graph;
  if (graph === undefined) throw new Error(`no graph of ${name}`);
  return graph;
}
