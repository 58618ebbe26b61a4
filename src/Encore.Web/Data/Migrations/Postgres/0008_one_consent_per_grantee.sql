-- A consent (the owner lets another manager book a customer) is granted once: a double tap or two screens at once
-- must not file it twice. Duplicates already filed keep their first row.
DELETE FROM customer_consents a USING customer_consents b
WHERE a."CustomerId" = b."CustomerId" AND a."GranteeId" = b."GranteeId" AND (a."At", a."Id") > (b."At", b."Id");
DROP INDEX "IX_customer_consents_CustomerId_GranteeId";
CREATE UNIQUE INDEX "IX_customer_consents_CustomerId_GranteeId" ON customer_consents ("CustomerId", "GranteeId");
