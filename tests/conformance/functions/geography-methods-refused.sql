-- rule: geography methods (STDistance) are not emulated: refused where called, never computed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/spatial-geography/stdistance-geography-data-type
-- expect-refused: STDistance() (geography
CREATE TABLE dbo.Depot (Code char(5), Lat decimal(9,6), Lon decimal(9,6));
GO
-- test
SELECT SUM(geography::Point(f.Lat, f.Lon, 4326).STDistance(geography::Point(t.Lat, t.Lon, 4326))) AS m
FROM dbo.Depot f CROSS JOIN dbo.Depot t;
