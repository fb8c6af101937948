-- rule: ODBC {d} and {ts} escapes are datetime literals
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"d": "1990-10-02 00:00:00.000", "ts": "1998-05-02 01:23:56.123"}]]
-- test
SELECT {d '1990-10-02'} AS d, {ts '1998-05-02 01:23:56.123'} AS ts;
