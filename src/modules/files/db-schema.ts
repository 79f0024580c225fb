import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A file's content as stored once in the blob store, keyed by its SHA-256, with what we
 * learnt when it arrived: its checked media type and its text for search. Attachments
 * (bilag) point here with their own title and file name, so identical files share a row.
 */
export const storedFiles = pgTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  byteSize: integer('byte_size').notNull(),
  mediaType: text('media_type').notNull(),
  extractedText: text('extracted_text').notNull().default(''),
  pageCount: integer('page_count'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
