-- 0012 (issue 13, "Words"): an attendance day's note, written by the system, is read in the reader's language.
-- The note column keeps it in Chinese; NoteText holds it as a message with its arguments (JSON of
-- Customers/PhoneText.cs) to put into words at reading time. Notes written before stay as they were written.
ALTER TABLE attendance_days ADD "NoteText" text NULL;
