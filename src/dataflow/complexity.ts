import type { Complexity, ComplexityGrade } from './graph';

/** The measured facts a grade is computed from: the graph's Complexity without its verdict. */
export type ComplexityFacts = Omit<Complexity, 'grade' | 'reason'>;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Grades how hard an object is to migrate. Row-by-row constructs weigh most (cursors, loops,
 * dynamic SQL whose tables are unknown), then depth of nesting and temp structures, then plain
 * length: a 300-line set-based procedure is easier to port than a 40-line nested cursor loop.
 */
export function gradeComplexity(f: ComplexityFacts): Complexity {
  const score = f.statements / 25 + f.loops * 2 + f.cursors * 3 + f.dynamicSql * 3
    + f.tempStructures * 0.5 + Math.max(0, f.maxNesting - 1) * 1.5;
  const grade: ComplexityGrade = score < 3 ? 'low' : score < 8 ? 'medium' : score < 15 ? 'high' : 'very high';
  const parts: string[] = [];
  if (f.cursors > 0) parts.push(plural(f.cursors, 'cursor'));
  if (f.loops > 0) parts.push(plural(f.loops, 'loop'));
  if (f.maxNesting > 1) parts.push(`nested ${f.maxNesting} deep`);
  if (f.dynamicSql > 0) parts.push(`${plural(f.dynamicSql, 'dynamic SQL statement')}`);
  if (f.tempStructures > 0) parts.push(plural(f.tempStructures, 'temp structure'));
  parts.push(plural(f.statements, 'statement'));
  const reason = f.loops === 0 && f.cursors === 0 && f.dynamicSql === 0 ? `set-based: ${parts.join(', ')}` : parts.join(', ');
  return { ...f, grade, reason };
}
