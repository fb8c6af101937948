export * from './graph';
export { buildGraph, buildScriptGraphs, type BuildGraphOptions, type TableCatalog } from './build-graph';
export { splitObjects, formatDataType, type AnalysisUnit } from './object-units';
export { summarizeObject, isEmptySummary, type ObjectSummary } from './object-summary';
export { collectTableCatalog } from './table-catalog';
export { gradeComplexity, type ComplexityFacts } from './complexity';
export { analyzeSources, type AnalysisResult, type AnalyzeJson, type AnalyzeOptions, type FileAnalysis, type SourceText } from './analyze-sources';
export { collectSpellings, spellingOf } from './name-spellings';
