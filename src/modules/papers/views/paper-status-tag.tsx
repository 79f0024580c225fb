import { statusTag, type StatusTone } from '../../../platform/http/components/status-tag';
import { da } from '../../../platform/i18n/da';
import type { paperStatuses } from '../enums';

type PaperStatus = (typeof paperStatuses)[number];

/** Returned asks something of the author; approved and treated are done with. */
const paperStatusTones: Partial<Record<PaperStatus, StatusTone>> = {
  submitted: 'info',
  returned: 'warning',
  approved: 'success',
  on_agenda: 'info',
  treated: 'success',
};

export const paperStatusTag = (status: PaperStatus) =>
  statusTag(status, da.papers.statuses, paperStatusTones);
