-- rule: FETCH INTO an xml variable converts the fetched text to xml (stored form: attributes in double quotes, white space between elements dropped), which is what the variable gives back as text
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/xml/define-the-serialization-of-xml-data
-- expect: [[{"Message ID": 1, "Body": "<Ack no=\"S1\"><Ok>1</Ok></Ack>"}]]
-- input: dbo.[Carrier Inbox Text]
--| Message ID,Message Text
--| 1,"<Ack  no='S1'> <Ok>1</Ok> </Ack>"
CREATE TABLE dbo.[Carrier Inbox Text] ([Message ID] int, [Message Text] nvarchar(200))

GO
-- test
DECLARE @Id int, @Msg xml;
CREATE TABLE #Acks ([Message ID] int, Body nvarchar(200));
DECLARE cur_msg CURSOR LOCAL FAST_FORWARD FOR SELECT [Message ID], [Message Text] FROM dbo.[Carrier Inbox Text] ORDER BY [Message ID];
OPEN cur_msg;
FETCH NEXT FROM cur_msg INTO @Id, @Msg;
WHILE @@FETCH_STATUS = 0
BEGIN
  INSERT INTO #Acks VALUES (@Id, CAST(@Msg AS nvarchar(200)));
  FETCH NEXT FROM cur_msg INTO @Id, @Msg;
END
CLOSE cur_msg; DEALLOCATE cur_msg;
SELECT [Message ID], Body FROM #Acks;
