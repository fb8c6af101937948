-- rule: ESCAPE 'c' makes the character after c in the pattern literal ('!%' a percent sign, '!_' an underscore, '!!' the escape itself); varchar values still match ignoring their trailing blanks
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect: [[{"id": 1, "pct": 1, "und": 0, "bang": 0}, {"id": 2, "pct": 0, "und": 1, "bang": 0}, {"id": 3, "pct": 0, "und": 0, "bang": 1}, {"id": 4, "pct": 0, "und": 0, "bang": 0}]]
-- test
DECLARE @t TABLE (Id int, Title varchar(20));
INSERT INTO @t VALUES (1, '50% off  '), (2, 'a_b'), (3, 'wow!'), (4, 'axb');
SELECT Id AS id,
  CASE WHEN Title LIKE '%!%%' ESCAPE '!' THEN 1 ELSE 0 END AS pct,
  CASE WHEN Title LIKE 'a!_b' ESCAPE '!' THEN 1 ELSE 0 END AS und,
  CASE WHEN Title LIKE '%!!' ESCAPE '!' THEN 1 ELSE 0 END AS bang
FROM @t ORDER BY Id;
