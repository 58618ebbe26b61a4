-- Issue 15: a booking for a new phone files a customer and compares it with the files of the same name
-- (CustomerFiles.DuplicatesAsync). Without an index that was a scan of every customer of the venue.
CREATE INDEX "IX_customers_VenueId_Name" ON customers ("VenueId", "Name");
