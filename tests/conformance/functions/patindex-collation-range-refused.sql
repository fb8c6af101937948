-- rule: LIKE and PATINDEX ranges follow the collation's order, not code points: under the default collations punctuation such as _ and ^ does not fall between Z and a, and accented letters sort beside their base letter, so a range such as [A-z] is refused rather than read as code points
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql
-- expect-refused: PATINDEX with a [ ] range other than digits or letters of one case
-- test
SELECT PATINDEX('%[A-z]%', '__x') AS first_letter;
