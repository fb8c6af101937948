/*
    Word-bag tables: each entity has a letter and a bag of words.
    Used by: dbo.usp_CountEntityLetters
    2017-05-22  J.Varga     initial version
    2017-06-02  J.Varga     WordsScanned column on the result table
*/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO

CREATE TABLE dbo.Entity
(
    EntityId        int            NOT NULL,
    EntityName      varchar(100)   NOT NULL,
    Letter          char(1)        NULL,
    CONSTRAINT PK_Entity PRIMARY KEY CLUSTERED (EntityId)
)
GO

-- a bag, not a set: the same word may appear several times for one entity
CREATE TABLE dbo.EntityWord
(
    EntityWordId    int IDENTITY(1,1) NOT NULL,
    EntityId        int            NOT NULL,
    Word            varchar(100)   NULL,
    CONSTRAINT PK_EntityWord PRIMARY KEY CLUSTERED (EntityWordId),
    CONSTRAINT FK_EntityWord_Entity FOREIGN KEY (EntityId) REFERENCES dbo.Entity (EntityId)
)
GO

CREATE TABLE dbo.EntityLetterCount
(
    EntityId        int            NOT NULL,
    Letter          char(1)        NULL,
    Occurrences     int            NOT NULL,
    WordsScanned    int            NOT NULL,
    ComputedAt      datetime       NOT NULL CONSTRAINT DF_EntityLetterCount_ComputedAt DEFAULT (GETDATE()),
    CONSTRAINT PK_EntityLetterCount PRIMARY KEY CLUSTERED (EntityId)
)
GO
