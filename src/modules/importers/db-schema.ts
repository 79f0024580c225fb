import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * What an imported source object became here: (source system, source key, kind) → our row. A
 * second import of the same export finds its rows through this table and updates them instead
 * of making copies. No foreign key: the entity types live in different tables.
 */
export const importSourceKeys = pgTable(
  'import_source_keys',
  {
    sourceSystem: text('source_system').notNull(),
    sourceKey: text('source_key').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    unique('import_source_keys_key').on(table.sourceSystem, table.sourceKey, table.entityType),
    index('import_source_keys_entity_idx').on(table.entityType, table.entityId),
  ],
);
