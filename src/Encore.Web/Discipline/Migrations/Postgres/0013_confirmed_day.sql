-- 0013 (issue 14, "Suspension suspends"): the business day a violation came to stand (confirmed, raised confirmed,
-- or upheld), so a confirmed suspension runs for attendance.suspensionDays from that day. Charges already standing
-- are taken to have stood from their own business day: the day they were raised is the best the rows still know.
ALTER TABLE violations ADD "ConfirmedDay" date NULL;
UPDATE violations SET "ConfirmedDay" = "BusinessDay" WHERE "Status" IN ('confirmed', 'upheld');
