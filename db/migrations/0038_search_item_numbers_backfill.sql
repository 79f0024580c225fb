-- Item numbers and item bilag for what was indexed before 0037.
SELECT search_reindex();
