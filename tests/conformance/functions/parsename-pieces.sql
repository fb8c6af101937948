-- rule: PARSENAME returns the piece of a name of up to four dot-separated parts counted from the right (1 object, 2 schema, 3 database, 4 server): NULL for a piece that is missing or of length 0, or when an argument is NULL; the dotted-quad idiom splits an IPv4 address
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/parsename-transact-sql
-- expect: [[{"object": "Contact", "schema": null, "db": "AdventureWorks", "server": null, "ip1": "192", "ip4": "1", "five_parts": null, "none": null}]]
-- test
DECLARE @ip varchar(15) = '192.168.0.1';
DECLARE @n varchar(20) = NULL;
SELECT PARSENAME('AdventureWorks..Contact', 1) AS object,
  PARSENAME('AdventureWorks..Contact', 2) AS [schema],
  PARSENAME('AdventureWorks..Contact', 3) AS db,
  PARSENAME('AdventureWorks..Contact', 4) AS server,
  PARSENAME(@ip, 4) AS ip1,
  PARSENAME(@ip, 1) AS ip4,
  PARSENAME('a.b.c.d.e', 1) AS five_parts,
  PARSENAME(@n, 1) AS none;
