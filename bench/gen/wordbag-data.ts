import { createRandom } from './prng';
import type { DataRow, TableRows } from './table-rows';

/** Options of {@link generateWordBagData}. */
export interface WordBagOptions {
  readonly entities: number;
  readonly wordsPerEntity: number;
  readonly seed: number;
}

/** Column order of each word-bag input table, as in procedures/tables/wordbag-tables.sql. */
export const WORDBAG_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dbo.Entity': ['EntityId', 'EntityName', 'Letter'],
  'dbo.EntityWord': ['EntityWordId', 'EntityId', 'Word'],
};

const VOCABULARY = [
  'alpha', 'banana', 'Cedar', 'delta', 'EERIE', 'feather', 'giraffe', 'Harbour', 'igloo', 'jazz',
  'kayak', 'lemon', 'Mississippi', 'needle', 'orbit', 'pepper', 'quiz', 'Referee', 'settee', 'tattoo',
  'umbrella', 'vivid', 'wallaby', 'xylophone', 'yoyo', 'zigzag', 'bookkeeper', 'committee', 'Address', 'Tennessee',
] as const;
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Generates dbo.Entity and dbo.EntityWord for dbo.usp_CountEntityLetters, deterministically
 * from `seed`. Words are a bag (duplicates on purpose). With at least 6 entities the edge
 * cases are fixed: entity 1 has the upper-case letter 'E' over mixed-case words (the legacy
 * comparison is case-insensitive), entity 2 has no words, entity 3 has a NULL letter, entity 4
 * has the letter ' ' and words with inner and trailing blanks (LEN ignores trailing blanks),
 * entity 5 has 'e' and accented words ('é' is not 'e'), entity 6 has a NULL word.
 */
export function generateWordBagData(options: WordBagOptions): TableRows {
  const { entities, wordsPerEntity, seed } = options;
  if (!Number.isInteger(entities) || entities < 1) throw new RangeError(`entities must be a positive integer, found ${entities}`);
  if (!Number.isInteger(wordsPerEntity) || wordsPerEntity < 0) throw new RangeError(`wordsPerEntity must be a non-negative integer, found ${wordsPerEntity}`);
  const rnd = createRandom(seed);
  const entityRows: DataRow[] = [];
  const wordRows: DataRow[] = [];
  const edges = entities >= 6;

  const addWord = (entityId: number, word: string | null): void => {
    wordRows.push({ EntityWordId: wordRows.length + 1, EntityId: entityId, Word: word });
  };

  for (let id = 1; id <= entities; id++) {
    let letter: string | null = LETTERS.charAt(rnd.int(0, LETTERS.length - 1));
    if (edges && id === 1) letter = 'E';
    if (edges && id === 3) letter = null;
    if (edges && id === 4) letter = ' ';
    if (edges && id === 5) letter = 'e';
    entityRows.push({ EntityId: id, EntityName: `Entity ${String(id).padStart(3, '0')}`, Letter: letter });

    if (edges && id === 2) continue;
    const words: (string | null)[] = [];
    for (let i = 0; i < wordsPerEntity; i++) words.push(rnd.pick(VOCABULARY));
    if (words.length > 1) words.push(words[0] ?? 'alpha'); // a duplicate: the bag counts it twice
    if (edges && id === 4) words.push('ice cream', 'trailing  ', ' leading');
    if (edges && id === 5) words.push('café', 'résumé', 'Élan');
    if (edges && id === 6) words.push(null);
    for (const w of words) addWord(id, w);
  }
  return { 'dbo.Entity': entityRows, 'dbo.EntityWord': wordRows };
}
