import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { ServiceContext } from '../../platform/service-context';
import { mayReadItemContent, readAgendaReleases, type ReleaseRow } from '../meetings/index';
import {
  diffAgendaVersions,
  type AgendaVersionDiff,
  type ComparedItem,
} from './agenda-version-diff';
import { requireVisibleMeeting } from './lifecycle';

export type AgendaComparison = {
  meetingId: string;
  meetingTitle: string;
  /** The released versions, newest first, for choosing another pair. */
  versions: Array<Pick<ReleaseRow, 'version' | 'releasedAt' | 'changeNote'>>;
  from: Pick<ReleaseRow, 'version' | 'releasedAt' | 'changeNote'>;
  to: Pick<ReleaseRow, 'version' | 'releasedAt' | 'changeNote'>;
  diff: AgendaVersionDiff;
};

/** A release snapshot's item as stored (older releases lack the later fields). */
type SnapshotItem = {
  id: string;
  parentId: string | null;
  position: number;
  number?: string;
  title: string;
  isPublic: boolean;
  disqualifiedPersonIds?: string[];
  attachments?: string[];
  paperVersion?: number | null;
};

/**
 * What changed between two released versions of a meeting's agenda, for everyone who sees the
 * meeting. A closed item the actor may not read (or is inhabil in) in either version is left
 * out of both, so the comparison shows no trace of it: not its title, bilag or memo, nor that it
 * was added, removed, moved or closed.
 */
export async function compareAgendaVersions({
  meetingId,
  fromVersion,
  toVersion,
  ...ctx
}: ServiceContext & {
  meetingId: string;
  fromVersion: number;
  toVersion: number;
}): Promise<AgendaComparison> {
  const meeting = await requireVisibleMeeting({ ...ctx, meetingId });
  const releases = await readAgendaReleases(ctx, meetingId);
  const from = releases.find((release) => release.version === fromVersion);
  const to = releases.find((release) => release.version === toVersion);
  if (!from || !to) {
    throw new AppError('NOT_FOUND', { message: da.agendaComparison.versionNotFound });
  }
  const fromItems = snapshotItems(from);
  const toItems = snapshotItems(to);
  const unreadable = new Set(
    [...fromItems, ...toItems]
      .filter(
        (item) =>
          !mayReadItemContent(
            ctx.actor,
            { isPublic: item.isPublic, disqualifiedPersonIds: item.disqualifiedPersonIds ?? [] },
            meeting,
          ),
      )
      .map((item) => item.id),
  );
  const compared = (items: SnapshotItem[]) =>
    items
      .filter((item) => !unreadable.has(item.id) && !unreadable.has(item.parentId ?? ''))
      .map(comparedItem);
  const summary = (release: ReleaseRow) => ({
    version: release.version,
    releasedAt: release.releasedAt,
    changeNote: release.changeNote,
  });
  return {
    meetingId,
    meetingTitle: meeting.title,
    versions: releases.map(summary),
    from: summary(from),
    to: summary(to),
    diff: diffAgendaVersions(compared(fromItems), compared(toItems)),
  };
}

function snapshotItems(release: ReleaseRow): SnapshotItem[] {
  return (release.snapshot as { items: SnapshotItem[] }).items;
}

function comparedItem(item: SnapshotItem): ComparedItem {
  return {
    id: item.id,
    parentId: item.parentId,
    number: item.number ?? String(item.position),
    title: item.title,
    isPublic: item.isPublic,
    attachments: item.attachments ?? [],
    ...('paperVersion' in item ? { paperVersion: item.paperVersion ?? null } : {}),
  };
}
