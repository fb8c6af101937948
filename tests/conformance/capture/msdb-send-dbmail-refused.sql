-- rule: msdb.dbo.sp_send_dbmail sends mail from the msdb database; the emulator does not send mail, and names the system procedure it refuses (the database part of its three-part name kept)
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/system-stored-procedures/sp-send-dbmail-transact-sql
-- expect-refused: the system procedure msdb.dbo.sp_send_dbmail
-- test
EXEC msdb.dbo.sp_send_dbmail @recipients = 'ops@example.com', @subject = 'close done';
