-- Issue 15: the month's new files per manager (standings, appraisal, the diary's facts, work reports) walked every
-- file the manager ever kept through the OwnerId index and read each row for its CreatedAt: a standings call on a
-- file of 100,000 customers spent 34 ms there. With CreatedAt in the index the count is a range of it. It replaces the
-- OwnerId index (whose every lookup it still serves), so a new file costs no extra index write.
DROP INDEX "IX_customers_OwnerId";
CREATE INDEX "IX_customers_OwnerId_CreatedAt" ON "customers" ("OwnerId", "CreatedAt");
