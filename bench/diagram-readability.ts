// Measures the readability of the step diagrams (issue 14) on folders of .sql files:
//   node -r ./bench/run.js bench/diagram-readability.ts tests/fixtures/sql tests/fixtures/diagrams
// Prints each diagram of at least 15 steps and the figures over the first diagram of each
// object (as the issue measured) and over every diagram.
import { listFiles, readSourceFile } from '../src/core';
import { analyzeSources } from '../src/dataflow';
import { measureDiagram, measureDiagramCorpus, renderStepDiagrams } from '../src/render';

/** The .sql files under `dir`, except the parser's own fixtures (not part of the corpus). */
function listSql(dir: string): string[] {
  return listFiles([dir], ['.sql']).filter((f) => !/[\\/]parser[\\/]/.test(f));
}

for (const dir of process.argv.slice(2)) {
  const files = listSql(dir);
  const { graphs } = analyzeSources(files.map((f) => ({ file: f, text: readSourceFile(f).text })));
  // The first step diagram of each object, as the issue measured it, and every diagram.
  const first = graphs.map((g) => renderStepDiagrams(g)[0]?.text ?? '');
  const all = graphs.flatMap((g) => renderStepDiagrams(g).map((d) => d.text));
  for (const g of graphs) {
    for (const d of renderStepDiagrams(g)) {
      const m = measureDiagram(d.text);
      if (m.steps >= 15) console.log(`${g.object.name} ${d.title}: steps ${m.steps}, edges ${m.edges}, per step ${m.edgesPerStep.toFixed(2)}, busiest ${m.maxNodeEdges}`);
    }
  }
  console.log(dir, 'first diagrams', JSON.stringify(measureDiagramCorpus(first)), 'all diagrams', JSON.stringify(measureDiagramCorpus(all)));
}
