export * from './spec-model';
export * from './parse-feature';
export * from './load-specs';
export { parseGherkin } from './gherkin-loader';
export { readCsvRecords } from './csv-reader';
export * from './run-scenario';
export * from './section-results';
export * from './scaffold-templates';
export * from './scaffold-paths';
