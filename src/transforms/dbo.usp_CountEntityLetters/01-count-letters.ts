// Section dbo.usp_CountEntityLetters/01-count-letters: count how often each entity's letter occurs in its bag of words
// Legacy: dbo.usp_countentityletters, lines 29-81. Spec: sections/dbo.usp_CountEntityLetters/01-count-letters.feature
// Set-based: one pass over all words instead of entity cursor -> word cursor -> character loop.
import { defineTransform, table } from '../../engine';

export const inputs = {
  'dbo.Entity': table({ EntityId: 'int', Letter: 'text?' }),
  'dbo.EntityWord': table({ EntityId: 'int', Word: 'text?' }),
};

export const output = table({ EntityId: 'int', Letter: 'text?', Occurrences: 'int', WordsScanned: 'int' });

export default defineTransform({
  name: 'dbo.usp_CountEntityLetters/01-count-letters',
  inputs,
  outputName: 'dbo.EntityLetterCount',
  output,
  params: { '@EntityId': 'int?' },
  entity: 'EntityId',
  // Legacy semantics encoded:
  // - LEN ignores trailing blanks only, so words are rtrimmed of ' ' (not of tabs) before scanning;
  // - CI_AS collation: compare lower-cased characters (accents stay distinct);
  // - Letter is char(1): an empty letter is a blank; NULL letter or word adds 0;
  // - occurrences of a one-character letter = length - length with the letter removed;
  // - every selected entity gets a row (LEFT JOIN), WordsScanned counts NULL words too.
  sql: ({ table, param }) => `
    WITH e AS (
      SELECT EntityId, Letter, lower(rpad(Letter, 1, ' ')) AS l
      FROM ${table('dbo.Entity')}
      WHERE ${param('@EntityId')} IS NULL OR EntityId = ${param('@EntityId')}
    ), w AS (
      SELECT EntityId, lower(rtrim(Word, ' ')) AS lw FROM ${table('dbo.EntityWord')}
    )
    SELECT e.EntityId,
           e.Letter,
           CAST(coalesce(sum(length(w.lw) - length(replace(w.lw, e.l, ''))), 0) AS INTEGER) AS Occurrences,
           CAST(count(w.EntityId) AS INTEGER) AS WordsScanned
    FROM e LEFT JOIN w ON w.EntityId = e.EntityId
    GROUP BY e.EntityId, e.Letter`,
});
