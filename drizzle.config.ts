import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/db-schema.ts', './src/modules/*/db-schema.ts'],
  out: './db/migrations',
});
