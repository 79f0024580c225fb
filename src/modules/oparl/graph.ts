import type { PublicationRow, PublicItem, PublicMeeting } from '../publishing/index';
import type { OrganizationData } from '../organizations/index';
import { da } from '../../platform/i18n/da';

/** Any OParl object: `created` and `modified` are mandatory in OParl 1.1. */
export type OparlObject = {
  id: string;
  type: string;
  created: string;
  modified: string;
  deleted?: boolean;
  [field: string]: unknown;
};

/** Every object by its id (an absolute URL) and every list by its URL, in stable order. */
export type OparlGraph = {
  objects: Map<string, OparlObject>;
  lists: Map<string, OparlObject[]>;
};

const schema = (type: string) => `https://schema.oparl.org/1.1/${type}`;
const oparlVersion = 'https://schema.oparl.org/1.1/';

/**
 * The URL scheme, all under `<PUBLIC_BASE_URL>/oparl/v1.1`: objects at `/<type>/<id>`, a body's
 * lists at `/body/<id>/<type>`. Types are kebab-case (`agenda-item`, `legislative-term`).
 */
export function oparlUrls(publicBaseUrl: string) {
  const base = `${publicBaseUrl}/oparl/v1.1`;
  return {
    base,
    system: `${base}/system`,
    bodyList: `${base}/body`,
    object: (type: string, id: string) => `${base}/${type}/${id}`,
    bodyListOf: (bodyId: string, type: string) => `${base}/body/${bodyId}/${type}`,
    /** The public download the portal serves for a published bilag. */
    attachment: (id: string) => `${publicBaseUrl}/offentlig/bilag/${id}`,
  };
}

const bodyListTypes = [
  'organization',
  'person',
  'meeting',
  'paper',
  'agenda-item',
  'consultation',
  'file',
  'location',
  'legislative-term',
  'membership',
] as const;
type BodyListType = (typeof bodyListTypes)[number];

/**
 * Danish municipal councils sit four years from 1 January after the election (2022–2025,
 * 2026–2029 …); the terms are derived from that rule, as the data has no terms of its own.
 */
export function legislativeTermStart(year: number): number {
  return 2022 + 4 * Math.floor((year - 2022) / 4);
}

const iso = (date: Date) => date.toISOString();
const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((date) => date.getTime())));
const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((date) => date.getTime())));

type MeetingEntry = {
  meetingId: string;
  bodyId: string;
  snapshot: PublicMeeting;
  created: Date;
  modified: Date;
  isDeleted: boolean;
};

/**
 * Builds the whole public OParl graph from the publications (the only source of meetings,
 * agenda items, papers, consultations and files) and the organization data. A meeting whose
 * publications are all withdrawn, and what it alone carried, appear as deleted objects.
 */
export function buildOparlGraph(options: {
  publicBaseUrl: string;
  municipalityCode: string | undefined;
  data: OrganizationData;
  publications: readonly PublicationRow[];
  now: Date;
}): OparlGraph {
  const { data } = options;
  const urls = oparlUrls(options.publicBaseUrl);
  const objects = new Map<string, OparlObject>();
  const lists = new Map<string, OparlObject[]>();
  const add = (object: OparlObject, list?: string) => {
    objects.set(object.id, object);
    if (list) lists.get(list)?.push(object);
  };
  const tombstone = (type: string, id: string, created: Date, modified: Date): OparlObject => ({
    id,
    type: schema(type),
    // The AgendaItem schema requires its order even when deleted; 0 where it is not known.
    ...(type === 'AgendaItem' ? { order: 0 } : {}),
    created: iso(created),
    modified: iso(modified),
    deleted: true,
  });

  const bodyOfOrganization = new Map(data.organizations.map((row) => [row.id, row.bodyId]));
  const locationByDescription = new Map(data.locations.map((row) => [row.description, row]));

  // ---- Meetings from publications: minutes over agenda, tombstones when all are withdrawn.
  const byMeeting = new Map<string, PublicationRow[]>();
  for (const publication of options.publications) {
    const known = byMeeting.get(publication.meetingId) ?? [];
    known.push(publication);
    byMeeting.set(publication.meetingId, known);
  }
  const meetings: MeetingEntry[] = [];
  for (const [meetingId, publications] of byMeeting) {
    const live = publications.filter((publication) => publication.withdrawnAt === null);
    const chosen =
      live.find((publication) => publication.kind === 'minutes') ??
      live[0] ??
      [...publications].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0]!;
    const bodyId = bodyOfOrganization.get(chosen.snapshot.organization.id);
    if (bodyId === undefined) continue;
    meetings.push({
      meetingId,
      bodyId,
      snapshot: chosen.snapshot,
      created: earliest(...publications.map((publication) => publication.createdAt)),
      modified: latest(...publications.map((publication) => publication.updatedAt)),
      isDeleted: live.length === 0,
    });
  }
  meetings.sort(
    (a, b) => a.created.getTime() - b.created.getTime() || a.meetingId.localeCompare(b.meetingId),
  );

  for (const body of data.bodies) {
    const listUrl = (type: BodyListType) => urls.bodyListOf(body.id, type);
    for (const type of bodyListTypes) lists.set(listUrl(type), []);
    const bodyUrl = urls.object('body', body.id);
    const bodyMeetings = meetings.filter((meeting) => meeting.bodyId === body.id);

    // ---- Legislative terms: from the first published meeting's term to the current one.
    const firstYear = Math.min(
      options.now.getUTCFullYear(),
      ...bodyMeetings.map((meeting) => Number(meeting.snapshot.start.slice(0, 4))),
    );
    const terms: OparlObject[] = [];
    for (
      let start = legislativeTermStart(firstYear);
      start <= legislativeTermStart(options.now.getUTCFullYear());
      start += 4
    ) {
      const term: OparlObject = {
        id: urls.object('legislative-term', `${body.id}-${start}`),
        type: schema('LegislativeTerm'),
        body: bodyUrl,
        name: `Valgperiode ${start}–${start + 3}`,
        startDate: `${start}-01-01`,
        endDate: `${start + 3}-12-31`,
        created: iso(body.createdAt),
        modified: iso(body.createdAt),
      };
      terms.push(term);
      add(term, listUrl('legislative-term'));
    }

    // ---- Organizations, their memberships and members.
    // Organs that meet, not administrative units (enhed): a unit's members are employees
    // (case officers), and nothing OParl shows refers to a unit.
    const bodyOrganizations = data.organizations.filter(
      (row) => row.bodyId === body.id && row.classification !== 'enhed',
    );
    const organizationIds = new Set(bodyOrganizations.map((row) => row.id));
    const bodyMemberships = data.memberships.filter((row) =>
      organizationIds.has(row.organizationId),
    );
    const organizationMeetingList = (id: string) => `${urls.object('organization', id)}/meeting`;
    for (const organization of bodyOrganizations) {
      lists.set(organizationMeetingList(organization.id), []);
      add(
        {
          id: urls.object('organization', organization.id),
          type: schema('Organization'),
          body: bodyUrl,
          name: organization.name,
          ...(organization.shortName ? { shortName: organization.shortName } : {}),
          classification: organization.classification,
          ...(organization.parentId && organizationIds.has(organization.parentId)
            ? { subOrganizationOf: urls.object('organization', organization.parentId) }
            : {}),
          membership: bodyMemberships
            .filter((row) => row.organizationId === organization.id)
            .map((row) => urls.object('membership', row.id)),
          meeting: organizationMeetingList(organization.id),
          created: iso(organization.createdAt),
          modified: iso(organization.updatedAt),
        },
        listUrl('organization'),
      );
    }
    const membershipObjects = new Map<string, OparlObject>();
    for (const membership of bodyMemberships) {
      const object: OparlObject = {
        id: urls.object('membership', membership.id),
        type: schema('Membership'),
        person: urls.object('person', membership.personId),
        organization: urls.object('organization', membership.organizationId),
        // OParl's role is text for people: the Danish name (Formand, Medlem …).
        role: da.membershipRoles[membership.role],
        ...(membership.startDate ? { startDate: membership.startDate } : {}),
        ...(membership.endDate ? { endDate: membership.endDate } : {}),
        created: iso(membership.createdAt),
        modified: iso(membership.updatedAt),
      };
      membershipObjects.set(membership.id, object);
      add(object, listUrl('membership'));
    }
    for (const person of data.persons) {
      const own = bodyMemberships.filter((row) => row.personId === person.id);
      if (own.length === 0) continue;
      add(
        {
          id: urls.object('person', person.id),
          type: schema('Person'),
          body: bodyUrl,
          name: person.name,
          membership: own.map((row) => membershipObjects.get(row.id)!),
          created: iso(person.createdAt),
          // A person embeds their memberships, so a changed membership changes the person.
          modified: iso(latest(person.updatedAt, ...own.map((row) => row.updatedAt))),
        },
        listUrl('person'),
      );
    }

    // ---- Meetings and what they carry.
    const seen = {
      location: new Set<string>(),
      paper: new Set<string>(),
      item: new Set<string>(),
      file: new Set<string>(),
    };
    const paperParts = new Map<
      string,
      {
        item: PublicItem;
        paper: NonNullable<PublicItem['paper']>;
        meeting: MeetingEntry;
        consultations: OparlObject[];
        files: OparlObject[];
      }
    >();
    for (const meeting of bodyMeetings.filter((entry) => !entry.isDeleted)) {
      const meetingUrl = urls.object('meeting', meeting.meetingId);
      const organizationUrl = urls.object('organization', meeting.snapshot.organization.id);
      const place = meeting.snapshot.location
        ? locationByDescription.get(meeting.snapshot.location)
        : undefined;
      // Embedded objects share their meeting's times; a changed place changes the meeting too.
      const created = iso(meeting.created);
      const modified = iso(place ? latest(meeting.modified, place.updatedAt) : meeting.modified);
      let location: OparlObject | undefined;
      if (place) {
        const locationUrl = urls.object('location', place.id);
        location = objects.get(locationUrl);
        if (!location) {
          location = {
            id: locationUrl,
            type: schema('Location'),
            description: place.description,
            ...(place.streetAddress ? { streetAddress: place.streetAddress } : {}),
            ...(place.postalCode ? { postalCode: place.postalCode } : {}),
            ...(place.locality ? { locality: place.locality } : {}),
            meetings: [],
            created: iso(place.createdAt),
            modified: iso(place.updatedAt),
          };
          add(location, listUrl('location'));
          seen.location.add(locationUrl);
        }
        (location.meetings as string[]).push(meetingUrl);
      }
      const agendaItems: OparlObject[] = [];
      for (const item of meeting.snapshot.items) {
        const itemUrl = urls.object('agenda-item', item.id);
        const paperUrl = item.paper ? urls.object('paper', item.paper.id) : undefined;
        const consultationUrl = item.paper ? urls.object('consultation', item.id) : undefined;
        const files: OparlObject[] = [];
        for (const attachment of item.attachments) {
          if (!attachment.sha256 || !attachment.fileName) continue;
          const fileUrl = urls.object('file', attachment.id);
          // A paper's bilag is the same file on every meeting that treats the paper: one
          // object, embedded everywhere, that names all of them.
          const known = objects.get(fileUrl);
          if (known && !known.deleted) {
            (known.meeting as string[]).push(meetingUrl);
            (known.agendaItem as string[]).push(itemUrl);
            if (modified > known.modified) known.modified = modified;
            files.push(known);
            continue;
          }
          const file: OparlObject = {
            id: fileUrl,
            type: schema('File'),
            name: attachment.title,
            fileName: attachment.fileName,
            ...(attachment.mediaType ? { mimeType: attachment.mediaType } : {}),
            // The portal shows the bilag inline; `download=1` asks it to send it as a download.
            accessUrl: urls.attachment(attachment.id),
            downloadUrl: `${urls.attachment(attachment.id)}?download=1`,
            meeting: [meetingUrl],
            agendaItem: [itemUrl],
            ...(paperUrl ? { paper: [paperUrl] } : {}),
            'dagsorden:sha256': attachment.sha256,
            created,
            modified,
          };
          add(file, listUrl('file'));
          seen.file.add(fileUrl);
          files.push(file);
        }
        const agendaItem: OparlObject = {
          id: itemUrl,
          type: schema('AgendaItem'),
          meeting: meetingUrl,
          number: item.number,
          order: item.order,
          name: item.title,
          public: item.isPublic,
          ...(consultationUrl ? { consultation: consultationUrl } : {}),
          ...(item.decision ? { resolutionText: item.decision } : {}),
          ...(item.start ? { start: item.start } : {}),
          ...(item.end ? { end: item.end } : {}),
          ...(files.length > 0 ? { auxiliaryFile: files } : {}),
          created,
          modified,
        };
        agendaItems.push(agendaItem);
        add(agendaItem, listUrl('agenda-item'));
        seen.item.add(itemUrl);
        if (item.paper && paperUrl && consultationUrl) {
          const consultation: OparlObject = {
            id: consultationUrl,
            type: schema('Consultation'),
            paper: paperUrl,
            agendaItem: itemUrl,
            meeting: meetingUrl,
            organization: [organizationUrl],
            created,
            modified,
          };
          add(consultation, listUrl('consultation'));
          const parts = paperParts.get(item.paper.id);
          if (parts) {
            parts.consultations.push(consultation);
            parts.files.push(...files);
            // The latest meeting's version of the paper is the one shown.
            parts.item = item;
            parts.paper = item.paper;
            parts.meeting = meeting;
          } else {
            paperParts.set(item.paper.id, {
              item,
              paper: item.paper,
              meeting,
              consultations: [consultation],
              files: [...files],
            });
          }
        }
      }
      add(
        {
          id: meetingUrl,
          type: schema('Meeting'),
          name: meeting.snapshot.title,
          meetingState: meeting.snapshot.kind === 'minutes' ? 'minutes published' : 'scheduled',
          cancelled: false,
          start: meeting.snapshot.start,
          end: meeting.snapshot.end,
          ...(location ? { location } : {}),
          organization: [organizationUrl],
          agendaItem: agendaItems,
          created,
          modified,
        },
        listUrl('meeting'),
      );
    }
    for (const [paperId, parts] of paperParts) {
      const paperUrl = urls.object('paper', paperId);
      const stamps = parts.consultations.map((consultation) => ({
        created: new Date(consultation.created),
        modified: new Date(consultation.modified),
      }));
      add(
        {
          id: paperUrl,
          type: schema('Paper'),
          body: bodyUrl,
          name: parts.paper.title,
          paperType: parts.paper.kindLabel,
          consultation: parts.consultations,
          ...(parts.files.length > 0 ? { auxiliaryFile: dedupe(parts.files) } : {}),
          created: iso(earliest(...stamps.map((stamp) => stamp.created))),
          modified: iso(latest(...stamps.map((stamp) => stamp.modified))),
        },
        listUrl('paper'),
      );
      seen.paper.add(paperUrl);
    }

    // ---- Withdrawn meetings: the meeting and what only it carried, as deleted objects.
    for (const meeting of bodyMeetings.filter((entry) => entry.isDeleted)) {
      const { created, modified } = meeting;
      add(
        tombstone('Meeting', urls.object('meeting', meeting.meetingId), created, modified),
        listUrl('meeting'),
      );
      for (const item of meeting.snapshot.items) {
        const itemUrl = urls.object('agenda-item', item.id);
        if (!seen.item.has(itemUrl)) {
          add(tombstone('AgendaItem', itemUrl, created, modified), listUrl('agenda-item'));
          seen.item.add(itemUrl);
        }
        if (item.paper) {
          const consultationUrl = urls.object('consultation', item.id);
          if (!objects.has(consultationUrl)) {
            add(
              tombstone('Consultation', consultationUrl, created, modified),
              listUrl('consultation'),
            );
          }
          const paperUrl = urls.object('paper', item.paper.id);
          if (!seen.paper.has(paperUrl)) {
            add(tombstone('Paper', paperUrl, created, modified), listUrl('paper'));
            seen.paper.add(paperUrl);
          }
        }
        for (const attachment of item.attachments) {
          const fileUrl = urls.object('file', attachment.id);
          if (attachment.sha256 && !seen.file.has(fileUrl)) {
            add(tombstone('File', fileUrl, created, modified), listUrl('file'));
            seen.file.add(fileUrl);
          }
        }
      }
    }
    // ---- What a meeting's earlier publication showed and its current one no longer does.
    for (const meeting of bodyMeetings) {
      const { created, modified } = meeting;
      const removed = meeting.snapshot.removed;
      if (!removed) continue;
      for (const [type, path, ids, seenUrls] of [
        ['AgendaItem', 'agenda-item', removed.itemIds, seen.item],
        ['Paper', 'paper', removed.paperIds, seen.paper],
        ['File', 'file', removed.fileIds, seen.file],
      ] as const) {
        for (const id of ids) {
          const url = urls.object(path, id);
          if (seenUrls.has(url) || objects.has(url)) continue;
          add(tombstone(type, url, created, modified), listUrl(path));
          seenUrls.add(url);
        }
      }
    }
    for (const type of bodyListTypes) lists.get(listUrl(type))?.sort(byCreatedThenId);
    for (const meeting of lists.get(listUrl('meeting')) ?? []) {
      const entry = bodyMeetings.find(
        (candidate) => urls.object('meeting', candidate.meetingId) === meeting.id,
      );
      if (entry) lists.get(organizationMeetingList(entry.snapshot.organization.id))?.push(meeting);
    }

    add(
      {
        id: bodyUrl,
        type: schema('Body'),
        system: urls.system,
        name: body.name,
        ...(body.shortName ? { shortName: body.shortName } : {}),
        ...(body.website ? { website: body.website } : {}),
        classification: 'Kommune',
        // Danish data has no German AGS; the kommunekode is Danish, so it gets our own field.
        ...(options.municipalityCode ? { 'dagsorden:kommunekode': options.municipalityCode } : {}),
        organization: listUrl('organization'),
        person: listUrl('person'),
        meeting: listUrl('meeting'),
        paper: listUrl('paper'),
        agendaItem: listUrl('agenda-item'),
        consultation: listUrl('consultation'),
        file: listUrl('file'),
        locationList: listUrl('location'),
        legislativeTermList: listUrl('legislative-term'),
        membership: listUrl('membership'),
        legislativeTerm: terms,
        created: iso(body.createdAt),
        modified: iso(body.updatedAt),
      },
      undefined,
    );
  }
  lists.set(
    urls.bodyList,
    data.bodies.map((body) => objects.get(urls.object('body', body.id))!),
  );

  const bodyObjects = lists.get(urls.bodyList)!;
  add({
    id: urls.system,
    type: schema('System'),
    oparlVersion,
    body: urls.bodyList,
    name: 'Dagsorden',
    website: options.publicBaseUrl,
    created: iso(earliest(options.now, ...data.bodies.map((body) => body.createdAt))),
    modified: bodyObjects.reduce(
      (max, body) => (body.modified > max ? body.modified : max),
      iso(earliest(options.now, ...data.bodies.map((body) => body.createdAt))),
    ),
  });
  return { objects, lists };
}

function dedupe(objects: OparlObject[]): OparlObject[] {
  return [...new Map(objects.map((object) => [object.id, object])).values()];
}

function byCreatedThenId(a: OparlObject, b: OparlObject): number {
  return a.created.localeCompare(b.created) || a.id.localeCompare(b.id);
}
