import { readFileSync } from 'node:fs';
import type * as Yaml from 'yaml';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import type { Tx } from '../../platform/db/transaction';
import { da } from '../../platform/i18n/da';
import { lazyPackage } from '../../platform/lazy-package';
import { loadAnnualPlanDemo } from '../annual-plan/index';
import { inTransactionWithFiles, type StoreFile } from '../files/index';
import { fromLocalDateTime } from '../../platform/i18n/format';
import { projectPath } from '../../platform/project-root';
import { addAgendaItem, createMeeting, createTemplate, meetingDeadlines } from '../meetings/index';
import {
  endMeeting,
  releaseAgenda,
  releaseMinutes,
  saveItemMinutes,
  startMeeting,
} from '../minutes/index';
import { publicationKinds, publishMeeting } from '../publishing/index';
import {
  addMembership,
  createBody,
  createOrganization,
  createPerson,
  findOrCreateLocation,
  organizationClassifications,
  countOrganizations,
  readBodyByName,
  membershipRoles,
  readMeetingRules,
} from '../organizations/index';
import {
  addAttachments,
  addressees,
  createPaper,
  paperToPdf,
  paperKinds,
  paperStatuses,
  requestedActions,
  saveCover,
  saveSections,
  setPaperStatus,
} from '../papers/index';

import { demoUserSchema, loadDemoUsers, type DemoLogin } from './demo-users';

const demoFile = projectPath('src/modules/demo/demo-data.yaml');
// Loaded only when the demo data is read: a start on a database that has it needs no YAML.
const yaml = lazyPackage<typeof Yaml>('yaml');

const itemSchema = z.object({
  title: z.string(),
  paper: z.string().optional(),
  durationMinutes: z.number().int().min(0).max(600),
  purpose: z.string().optional(),
  method: z.string().optional(),
  note: z.string().optional(),
  responsible: z.array(z.string()).default([]),
  attachments: z.array(z.string()).default([]),
  isPublic: z.boolean().default(true),
  publicTitle: z.string().optional(),
  /** Why a closed item is closed: a code of the default list (organizations/meeting-rules.ts). */
  closedReasonCode: z.string().optional(),
  /** What the seed's minutes say of the item, and what was decided. */
  minutes: z.string().optional(),
  decision: z.string().optional(),
  /** On a "Referat" item: its decision approves the previous meeting's minutes. */
  approvesPreviousMinutes: z.boolean().default(false),
});

/** A person and their memberships (role values as in the API: chair, member, substitute …). */
const demoPerson = z.object({
  key: z.string(),
  name: z.string(),
  title: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  memberships: z
    .array(
      z.object({
        organization: z.string(),
        role: z.enum(membershipRoles),
        startDate: z.string().optional(),
      }),
    )
    .default([]),
});

const demoSchema = z.object({
  body: z.object({
    name: z.string(),
    shortName: z.string().optional(),
    website: z.string().optional(),
  }),
  organizations: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      shortName: z.string().optional(),
      classification: z.enum(organizationClassifications),
      parent: z.string().optional(),
    }),
  ),
  locations: z.array(
    z.object({
      description: z.string(),
      streetAddress: z.string().optional(),
      postalCode: z.string().optional(),
      locality: z.string().optional(),
    }),
  ),
  persons: z.array(demoPerson),
  /** The committee's members: fictitious people (the seed names none), kept in their own section. */
  committeeMembers: z.array(demoPerson).default([]),
  users: z.array(demoUserSchema).default([]),
  papers: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(paperKinds),
      title: z.string(),
      organization: z.string(),
      senderUnit: z.string(),
      addressee: z.enum(addressees),
      paperDate: z.string(),
      caseNumber: z.string(),
      caseOfficers: z.array(z.string()),
      phone: z.string(),
      email: z.string(),
      status: z.enum(paperStatuses),
      sections: z.record(z.string(), z.string()),
      cover: z.object({
        purpose: z.string(),
        keyMessages: z.array(z.string()),
        implications: z.string(),
        requestedAction: z.enum(requestedActions),
      }),
      /** Bilag written as notes from the same unit, typeset to PDF when the demo loads. */
      attachments: z
        .array(
          z.object({
            title: z.string(),
            fileName: z.string(),
            sections: z.record(z.string(), z.string()),
          }),
        )
        .default([]),
    }),
  ),
  templates: z.array(
    z.object({
      organization: z.string(),
      name: z.string(),
      defaultStartTime: z.string(),
      defaultDurationMinutes: z.number().int(),
      defaultLocation: z.string().optional(),
      items: z.array(itemSchema.omit({ attachments: true, note: true })),
    }),
  ),
  meetings: z.array(
    z.object({
      organization: z.string(),
      title: z.string(),
      date: z.string(),
      start: z.string(),
      end: z.string(),
      location: z.string(),
      caseNumber: z.string().optional(),
      secretariatContact: z.string().optional(),
      /** How far the meeting has come: its agenda released, or held with its minutes released. */
      lifecycle: z.enum(['planned', 'agenda_released', 'minutes_released']).default('planned'),
      /** What the public portal and OParl show of it. */
      publish: z.array(z.enum(publicationKinds)).default([]),
      items: z.array(itemSchema.extend({ subItems: z.array(itemSchema).default([]) })),
    }),
  ),
});

export type DemoData = z.infer<typeof demoSchema>;
type DemoItem = z.infer<typeof itemSchema>;

/** The seed's demo data, read and validated from the YAML file beside this module. */
export function readDemoData(): DemoData {
  return demoSchema.parse(yaml().parse(readFileSync(demoFile, 'utf8')));
}

export type DemoSummary = {
  loaded: boolean;
  meetings: number;
  items: number;
  /** The demo users' one-time passwords, when the demo was loaded now (shown once). */
  logins: DemoLogin[];
};

/**
 * Loads the demo data through the services (so it is validated and audited like any input).
 * Does nothing when the demo body already exists, so it is safe to run twice.
 */
export async function loadDemoData(
  tx: Tx,
  storeFile: StoreFile,
  data: DemoData = readDemoData(),
): Promise<DemoSummary> {
  if (await readBodyByName({ tx }, data.body.name))
    return { loaded: false, meetings: 0, items: 0, logins: [] };
  const ctx = { actor: { kind: 'system', label: 'demo' } satisfies Actor, tx };
  const body = await createBody({ ...ctx, input: data.body });

  const organizationIds = new Map<string, string>();
  for (const organization of data.organizations) {
    const parentId = organization.parent ? organizationIds.get(organization.parent) : undefined;
    const row = await createOrganization({
      ...ctx,
      input: { ...organization, bodyId: body.id, parentId },
    });
    organizationIds.set(organization.key, row.id);
  }
  const idOf = (key: string) => {
    const id = organizationIds.get(key);
    if (!id) throw new Error(`demo data: unknown organization "${key}"`);
    return id;
  };

  for (const location of data.locations) await findOrCreateLocation({ ...ctx, input: location });

  const personIds = new Map<string, string>();
  const personRows = new Map<string, { id: string; name: string }>();
  for (const { key, memberships, ...person } of [...data.persons, ...data.committeeMembers]) {
    const row = await createPerson({ ...ctx, input: person });
    personIds.set(key, row.id);
    personRows.set(key, row);
    for (const membership of memberships) {
      await addMembership({
        ...ctx,
        input: {
          personId: row.id,
          organizationId: idOf(membership.organization),
          role: membership.role,
          startDate: membership.startDate,
        },
      });
    }
  }

  for (const template of data.templates) {
    await createTemplate({
      ...ctx,
      input: {
        ...template,
        defaultLocation: template.defaultLocation ?? null,
        organizationId: idOf(template.organization),
        items: template.items.map((item) => ({
          ...item,
          method: item.method ?? null,
          purpose: item.purpose ?? null,
        })),
      },
    });
  }

  const paperIds = new Map<string, string>();
  const organizationNames = new Map(data.organizations.map((o) => [o.key, o.name]));
  for (const {
    key,
    organization,
    senderUnit,
    sections,
    cover,
    status,
    attachments,
    ...paper
  } of data.papers) {
    const created = await createPaper({
      ...ctx,
      input: {
        ...paper,
        organizationId: idOf(organization),
        senderUnitId: idOf(senderUnit),
      },
    });
    await saveSections({
      ...ctx,
      paperId: created.id,
      sections: Object.entries(sections).map(([heading, html]) => ({ heading, html })),
    });
    await saveCover({ ...ctx, paperId: created.id, cover });
    await addAttachments({
      ...ctx,
      storeFile,
      paperId: created.id,
      uploads: attachments.map((attachment) => ({
        title: attachment.title,
        fileName: attachment.fileName,
        bytes: paperToPdf({
          kindLabel: da.papers.kinds.notat,
          title: attachment.title,
          organizationName: organizationNames.get(organization) ?? '',
          senderUnitName: organizationNames.get(senderUnit) ?? null,
          addresseeLabel: da.papers.addressees[paper.addressee],
          paperDate: paper.paperDate,
          caseNumber: paper.caseNumber,
          caseOfficers: paper.caseOfficers,
          phone: paper.phone,
          email: paper.email,
          cover: null,
          sections: Object.entries(attachment.sections).map(([heading, html]) => ({
            heading,
            html,
          })),
          attachments: [],
        }),
      })),
    });
    await setPaperStatus({ ...ctx, paperId: created.id, status });
    paperIds.set(key, created.id);
  }
  const paperIdOf = (key: string | undefined) => {
    if (key === undefined) return null;
    const id = paperIds.get(key);
    if (!id) throw new Error(`demo data: unknown paper "${key}"`);
    return id;
  };

  let items = 0;
  const held: Array<{ id: string; date: string; meeting: DemoData['meetings'][number] }> = [];
  const minutesOf: Array<{ meetingId: string; itemId: string; item: DemoItem }> = [];
  for (const meeting of data.meetings) {
    const created = await createMeeting({
      ...ctx,
      input: {
        organizationId: idOf(meeting.organization),
        title: meeting.title,
        start: fromLocalDateTime(meeting.date, meeting.start),
        end: fromLocalDateTime(meeting.date, meeting.end),
        location: meeting.location,
        caseNumber: meeting.caseNumber ?? null,
        secretariatContactId: meeting.secretariatContact
          ? personIds.get(meeting.secretariatContact)
          : null,
      },
    });
    held.push({ id: created.id, date: meeting.date, meeting });
    for (const { subItems, ...item } of meeting.items) {
      const parent = await addAgendaItem({
        ...ctx,
        meetingId: created.id,
        input: itemInput(item, null, paperIdOf(item.paper)),
      });
      minutesOf.push({ meetingId: created.id, itemId: parent.id, item });
      items++;
      for (const subItem of subItems) {
        const child = await addAgendaItem({
          ...ctx,
          meetingId: created.id,
          input: itemInput(subItem, parent.id, paperIdOf(subItem.paper)),
        });
        minutesOf.push({ meetingId: created.id, itemId: child.id, item: subItem });
        items++;
      }
    }
  }
  // In date order, so a "Referat" item finds the previous meeting's minutes released.
  for (const { id, meeting } of held.sort((a, b) => a.date.localeCompare(b.date))) {
    if (meeting.lifecycle === 'planned') continue;
    const meetingUrl = `/moeder/${id}`;
    // The demo's agendas went out on time: at their § 8 deadline, or now if that is still ahead.
    const { agendaDueAt } = meetingDeadlines(
      fromLocalDateTime(meeting.date, meeting.start),
      await readMeetingRules(ctx, idOf(meeting.organization)),
    );
    await releaseAgenda({
      ...ctx,
      meetingId: id,
      input: { changeNote: null, meetingUrl },
      now: new Date(Math.min(Date.now(), agendaDueAt.getTime())),
    });
    if (meeting.publish.includes('agenda'))
      await publishMeeting({ ...ctx, meetingId: id, kind: 'agenda' });
    if (meeting.lifecycle !== 'minutes_released') continue;
    await startMeeting({ ...ctx, meetingId: id });
    // Decisions are written while the meeting runs: once it is held they are locked.
    for (const { itemId, item } of minutesOf.filter((entry) => entry.meetingId === id)) {
      if (!item.minutes && !item.decision) continue;
      await saveItemMinutes({
        ...ctx,
        meetingId: id,
        itemId,
        input: {
          minutesText: item.minutes ?? null,
          decision: item.decision ?? null,
          expectedRevision: 0,
          approvesPreviousMinutes: item.approvesPreviousMinutes,
        },
      });
    }
    await endMeeting({ ...ctx, meetingId: id });
    // The demo's held meetings are as recorded, a closed item without minutes included.
    await releaseMinutes({ ...ctx, meetingId: id, input: { meetingUrl, confirmIncomplete: true } });
    if (meeting.publish.includes('minutes'))
      await publishMeeting({ ...ctx, meetingId: id, kind: 'minutes' });
  }
  await loadAnnualPlanDemo(tx, { organizations: organizationIds, papers: paperIds });
  const logins = await loadDemoUsers(tx, data.users, personRows);
  return { loaded: true, meetings: data.meetings.length, items, logins };
}

/** Loads the demo data when the database has no organizations yet (first start with DEMO=1). */
export async function loadDemoIfEmpty(tx: Tx, storeFile: StoreFile): Promise<DemoSummary> {
  if ((await countOrganizations({ tx })) > 0)
    return { loaded: false, meetings: 0, items: 0, logins: [] };
  return loadDemoData(tx, storeFile);
}

/** The demo data with its bilag files, in one transaction: when the database is empty, or always. */
export async function loadDemo(
  db: Db,
  blobs: BlobStore,
  options: { onlyIfEmpty?: boolean } = {},
): Promise<DemoSummary> {
  return inTransactionWithFiles(db, blobs, { maxBytes: 50 * 1024 * 1024 }, (tx, storeFile) =>
    options.onlyIfEmpty ? loadDemoIfEmpty(tx, storeFile) : loadDemoData(tx, storeFile),
  );
}

function itemInput(
  item: z.infer<typeof itemSchema>,
  parentId: string | null,
  paperId: string | null,
) {
  return {
    title: item.title,
    durationMinutes: item.durationMinutes,
    purpose: item.purpose ?? null,
    method: item.method ?? null,
    note: item.note ?? null,
    responsible: item.responsible,
    attachments: item.attachments,
    isPublic: item.isPublic,
    publicTitle: item.publicTitle ?? null,
    closedReasonCode: item.closedReasonCode,
    parentId,
    paperId,
  };
}
