-- Issue 15: a venue-wide search (the GM's and the floor's GET /api/customers?q=) walked the (VenueId, Name) index and
-- read every file of the venue by its key, in name order, so each row was a random page of the table: 300 ms on a file
-- of 100,000 customers. The index now carries every column the search reads, so the walk reads the index alone, in
-- order (28-43 ms on the same file). It replaces (VenueId, Name), which it still serves as a prefix (the same-name
-- check at a new file): a new file costs one index write as before, a wider one (about 100 bytes more per file).
DROP INDEX "IX_customers_VenueId_Name";
CREATE INDEX "IX_customers_VenueId_Name_Search" ON "customers" ("VenueId", "Name", "ErasedAt", "Phone", "Initials", "Pinyin", "Company", "OwnerId", "Id");
