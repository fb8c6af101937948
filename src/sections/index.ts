export * from './spec-model';
export * from './parse-feature';
export * from './load-specs';
export { parseGherkin } from './gherkin-loader';
export { readCsvRecords } from './csv-reader';
