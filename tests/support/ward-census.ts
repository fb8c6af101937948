// A ward census of the sections tests: wards, their bed days, and a cursor over the wards whose
// one statement (`update`) changes the bed days of the fetched ward (@Ward, @Beds).

/** The CREATE TABLE scripts of ward.[Bed Day] and ward.Ward. */
export const WARD_TABLES = `CREATE TABLE ward.[Bed Day] ([Ward Code] varchar(10) NOT NULL, [Census Date] date NOT NULL, Patients int NOT NULL, [Occupancy Pct] decimal(5,2) NULL, PRIMARY KEY ([Ward Code], [Census Date]))
GO
CREATE TABLE ward.Ward ([Ward Code] varchar(10) NOT NULL PRIMARY KEY, Beds int NOT NULL)
GO
`;

/** The occupancy UPDATE of the fetched ward's rows. */
export const WARD_OCCUPANCY = 'UPDATE ward.[Bed Day] SET [Occupancy Pct] = CAST(100.0 * Patients / @Beds AS decimal(5,2)) WHERE [Ward Code] = @Ward;';

/** A procedure `ward.[name]` running `update` once per ward, in a cursor loop. */
export const wardLoop = (name: string, update: string): string => `CREATE PROCEDURE ward.[${name}]
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Ward varchar(10), @Beds int;
    DECLARE cur_ward CURSOR LOCAL FAST_FORWARD FOR SELECT [Ward Code], Beds FROM ward.Ward ORDER BY [Ward Code];
    OPEN cur_ward;
    FETCH NEXT FROM cur_ward INTO @Ward, @Beds;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        ${update}
        FETCH NEXT FROM cur_ward INTO @Ward, @Beds;
    END
    CLOSE cur_ward;
    DEALLOCATE cur_ward;
END
GO
`;

/** Two wards' data: CARD 20 beds with two census days, NEURO 8 beds with one. */
export const WARD_DATA: Readonly<Record<string, string>> = {
  'ward.Ward.csv': 'Ward Code,Beds\nCARD,20\nNEURO,8\n',
  'ward.Bed Day.csv': 'Ward Code,Census Date,Patients,Occupancy Pct\nCARD,2026-11-01,15,\nCARD,2026-11-02,18,\nNEURO,2026-11-01,7,\n',
};
