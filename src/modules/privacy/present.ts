import type { z } from 'zod';
import type { RetentionSettingsRow } from './repository';
import type { retentionSettingsResponse } from './schemas';

export function presentRetentionSettings(
  row: RetentionSettingsRow,
): z.input<typeof retentionSettingsResponse> {
  return {
    draftPaperMonths: row.draftPaperMonths,
    departedPersonMonths: row.departedPersonMonths,
    sessionAndMailDays: row.sessionAndMailDays,
    auditEventYears: row.auditEventYears,
    updatedAt: row.updatedAt.toISOString(),
    lastRunAt: row.lastRunAt ? row.lastRunAt.toISOString() : null,
  };
}
