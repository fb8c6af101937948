-- rule: STUFF(<FOR XML PATH('') list>, 1, n, '') over rows whose values are all NULL is NULL: the list is '' or NULL, STUFF of NULL is NULL and a start (1) larger than the length of the first string ('' has 0) gives a null string; the same through the TYPE form's .value('.'); rows with a value give the list as usual
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/stuff-transact-sql
-- expect: [[{"ShipmentId": 1, "Lots": null, "Typed": null}, {"ShipmentId": 2, "Lots": "L-7, L-9", "Typed": "L-7, L-9"}, {"ShipmentId": 3, "Lots": null, "Typed": null}]]
-- input: dbo.[Lot Line]
--| ShipmentId,LineId,LotNo
--| 1,1,
--| 1,2,
--| 2,3,L-7
--| 2,4,
--| 2,5,L-9
CREATE TABLE dbo.[Lot Line] (ShipmentId int, LineId int, LotNo varchar(10))
GO
CREATE TABLE dbo.Shipment (ShipmentId int)
GO
-- test
INSERT dbo.Shipment VALUES (1), (2), (3);
SELECT s.ShipmentId,
    STUFF((SELECT ', ' + l.LotNo FROM dbo.[Lot Line] l WHERE l.ShipmentId = s.ShipmentId ORDER BY l.LineId FOR XML PATH('')), 1, 2, '') AS Lots,
    STUFF((SELECT ', ' + l.LotNo FROM dbo.[Lot Line] l WHERE l.ShipmentId = s.ShipmentId ORDER BY l.LineId FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)'), 1, 2, '') AS Typed
FROM dbo.Shipment s
ORDER BY s.ShipmentId;
