/*
    dbo.usp_CountEntityLetters
    For each entity: how many times does the entity's letter occur in its bag of words?
    Result: dbo.EntityLetterCount, one row per entity (previous row replaced).

    Author : J.Varga
    2017-05-22  J.Varga    created
    2017-06-02  J.Varga    WordsScanned; @EntityId to recount a single entity
    2018-02-14  R.Okafor   entities without words get a row with 0 (was: no row)

    NOTE: the comparison below uses the database default collation
    (SQL_Latin1_General_CP1_CI_AS): case-insensitive, so 'A' = 'a' and an
    entity with letter 'e' counts both 'e' and 'E'. Accent-sensitive: 'e' <> 'é'.
*/
CREATE PROCEDURE dbo.usp_CountEntityLetters
    @EntityId int = NULL        -- NULL = all entities
AS
BEGIN
    SET NOCOUNT ON

    DECLARE @CurEntityId  int,
            @Letter       char(1),
            @Word         varchar(100),
            @Pos          int,
            @Len          int,
            @Occurrences  int,
            @WordsScanned int

    DECLARE curEntity CURSOR LOCAL FAST_FORWARD FOR
        SELECT e.EntityId, e.Letter
        FROM   dbo.Entity e
        WHERE  @EntityId IS NULL OR e.EntityId = @EntityId
        ORDER BY e.EntityId

    OPEN curEntity
    FETCH NEXT FROM curEntity INTO @CurEntityId, @Letter

    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @Occurrences  = 0
        SET @WordsScanned = 0

        DECLARE curWord CURSOR LOCAL FAST_FORWARD FOR
            SELECT w.Word
            FROM   dbo.EntityWord w
            WHERE  w.EntityId = @CurEntityId

        OPEN curWord
        FETCH NEXT FROM curWord INTO @Word

        WHILE @@FETCH_STATUS = 0
        BEGIN
            SET @WordsScanned = @WordsScanned + 1
            SET @Pos = 1
            SET @Len = LEN(@Word)       -- LEN ignores trailing blanks; NULL word -> NULL -> loop skipped

            WHILE @Pos <= @Len
            BEGIN
                IF SUBSTRING(@Word, @Pos, 1) = @Letter
                    SET @Occurrences = @Occurrences + 1

                SET @Pos = @Pos + 1
            END

            FETCH NEXT FROM curWord INTO @Word
        END

        CLOSE curWord
        DEALLOCATE curWord

        DELETE FROM dbo.EntityLetterCount
        WHERE  EntityId = @CurEntityId

        INSERT INTO dbo.EntityLetterCount (EntityId, Letter, Occurrences, WordsScanned, ComputedAt)
        VALUES (@CurEntityId, @Letter, @Occurrences, @WordsScanned, GETDATE())

        FETCH NEXT FROM curEntity INTO @CurEntityId, @Letter
    END

    CLOSE curEntity
    DEALLOCATE curEntity

    RETURN 0
END
GO
