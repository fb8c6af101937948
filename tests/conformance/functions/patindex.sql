-- rule: PATINDEX returns the 1-based position where the first match of a LIKE pattern starts (% and _ wildcards, [ ] classes, case-insensitive under the default collation), 0 when there is none and NULL for a NULL argument; a pattern without a leading % matches from the first character only, one without a trailing % must match up to the end
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/patindex-transact-sql
-- expect: [[{"doc_wildcard": 8, "doc_class": 33, "starts": 1, "ends": 3, "upper": 8, "absent": 0, "not_at_start": 0, "at_end": 9, "null_value": null}], [{"Phone": "555-1234", "first_non_digit": 4}, {"Phone": "5551234", "first_non_digit": 0}, {"Phone": "x12", "first_non_digit": 1}]]
-- input: dbo.Contact
--| Phone
--| 555-1234
--| 5551234
--| x12
CREATE TABLE dbo.Contact (Phone varchar(20))
GO
-- test
DECLARE @pattern varchar(20) = '%[^0-9]%';
DECLARE @nothing varchar(10) = NULL;
SELECT PATINDEX('%en_ure%', 'please ensure the door is locked') AS doc_wildcard,
  PATINDEX('%[^ 0-9A-Za-z]%', 'Please ensure the door is locked!') AS doc_class,
  PATINDEX('a%', 'abc') AS starts,
  PATINDEX('%a', 'cba') AS ends,
  PATINDEX('%ENSURE%', 'please ensure the door is locked') AS upper,
  PATINDEX('%z%', 'abc') AS absent,
  PATINDEX('ter%', 'interesting') AS not_at_start,
  PATINDEX('%ing', 'interesting') AS at_end,
  PATINDEX('%a%', @nothing) AS null_value;
SELECT Phone, PATINDEX(@pattern, Phone) AS first_non_digit FROM dbo.Contact ORDER BY LEN(Phone) DESC;
