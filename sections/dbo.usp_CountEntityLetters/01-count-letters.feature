@proc:dbo.usp_CountEntityLetters @lines:29-81 @output:dbo.EntityLetterCount @entity:EntityId
Feature: Count how often each entity's letter occurs in its bag of words
  The legacy code walks entities with a cursor, then each word with a second cursor, then
  each character with a WHILE loop. One row per selected entity, previous row replaced.
  Comparison follows SQL_Latin1_General_CP1_CI_AS: case-insensitive, accent-sensitive.
  LEN ignores trailing blanks; a NULL word is scanned but adds nothing; a NULL letter matches nothing.

  Background:
    Given parameter @EntityId:int? = NULL

  Scenario: several entities, case-insensitive letters, duplicate words count twice
    Given table dbo.Entity:
      | EntityId:int | Letter:text? |
      | 1            | a            |
      | 2            | S            |
    And table dbo.EntityWord:
      | EntityId:int | Word:text? |
      | 1            | Banana     |
      | 1            | APPLE      |
      | 1            | APPLE      |
      | 2            | mississippi |
    When the section runs
    Then table dbo.EntityLetterCount keyed by EntityId:
      | EntityId:int | Letter:text? | Occurrences:int | WordsScanned:int |
      | 1            | a            | 5               | 3                |
      | 2            | S            | 4               | 1                |

  Scenario: an entity without words still gets a row with zeros
    Given table dbo.Entity:
      | EntityId:int | Letter:text? |
      | 7            | x            |
    And table dbo.EntityWord:
      | EntityId:int | Word:text? |
    When the section runs
    Then table dbo.EntityLetterCount keyed by EntityId:
      | EntityId:int | Letter:text? | Occurrences:int | WordsScanned:int |
      | 7            | x            | 0               | 0                |

  Scenario: NULL words are scanned but add nothing; a NULL letter matches nothing
    Given table dbo.Entity:
      | EntityId:int | Letter:text? |
      | 1            | e            |
      | 2            | NULL         |
    And table dbo.EntityWord:
      | EntityId:int | Word:text? |
      | 1            | NULL       |
      | 1            | tree       |
      | 2            | anything   |
    When the section runs
    Then table dbo.EntityLetterCount keyed by EntityId:
      | EntityId:int | Letter:text? | Occurrences:int | WordsScanned:int |
      | 1            | e            | 2               | 2                |
      | 2            | NULL         | 0               | 1                |

  Scenario: accents are distinct letters, trailing blanks are never compared
    Given table dbo.Entity:
      | EntityId:int | Letter:text? |
      | 1            | e            |
      | 2            | " "          |
    And table dbo.EntityWord:
      | EntityId:int | Word:text?   |
      | 1            | élève        |
      | 1            | Été          |
      | 2            | "a b c   "   |
    When the section runs
    Then table dbo.EntityLetterCount keyed by EntityId:
      | EntityId:int | Letter:text? | Occurrences:int | WordsScanned:int |
      | 1            | e            | 1               | 2                |
      | 2            | " "          | 2               | 1                |

  Scenario: @EntityId recounts a single entity
    Given parameter @EntityId:int? = 2
    And table dbo.Entity:
      | EntityId:int | Letter:text? |
      | 1            | a            |
      | 2            | b            |
    And table dbo.EntityWord:
      | EntityId:int | Word:text? |
      | 1            | abba       |
      | 2            | abba       |
    When the section runs
    Then table dbo.EntityLetterCount:
      | EntityId:int | Letter:text? | Occurrences:int | WordsScanned:int |
      | 2            | b            | 2               | 1                |
