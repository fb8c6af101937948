-- rule: msdb.dbo.sp_send_dbmail sends mail from the msdb database; the emulator does not send mail, and names the procedure it refuses (the database part of its three-part name kept) and what it does
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-send-dbmail-transact-sql
-- expect-refused: msdb.dbo.sp_send_dbmail, which sends mail
-- test
EXEC msdb.dbo.sp_send_dbmail @recipients = 'ops@example.com', @subject = 'close done';
