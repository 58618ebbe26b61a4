-- Issue 15: a venue-wide search (the GM's and the floor's GET /api/customers?q=) read every file of the venue by its
-- key through the (VenueId, Name) index. The index now includes every column the search reads, so PostgreSQL can
-- answer it from the index alone. It replaces (VenueId, Name), which it still serves (the same-name check at a new file).
DROP INDEX "IX_customers_VenueId_Name";
CREATE INDEX "IX_customers_VenueId_Name_Search" ON customers ("VenueId", "Name") INCLUDE ("ErasedAt", "Phone", "Initials", "Pinyin", "Company", "OwnerId", "Id");
