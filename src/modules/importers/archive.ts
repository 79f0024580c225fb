/**
 * The format-neutral result of reading one export (SBSYS Publication, eDoc, Acadre, Fujitsu or
 * a PDF archive). Every reader in formats/ produces it; import-archive.ts writes it to the
 * database. Nothing here touches the database, so readers are tested on the sample files alone.
 */
export const importFormats = ['publication', 'edoc', 'acadre', 'fujitsu', 'pdf'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Something the reader skipped or repaired; the import goes on and reports it. */
export type ImportWarning = {
  /** Stable code, e.g. "XML_CHARACTER_REMOVED", "ATTACHMENT_MISSING", "PDF_ITEM_UNRECOGNISED". */
  code: string;
  /** Danish, for the administrator. */
  message: string;
  /** Where in the export: a file name, an item number. */
  where?: string;
};

export type ImportedOrganization = {
  /** Stable within the source system: the committee's id, else its name. */
  sourceKey: string;
  name: string;
  /** E.g. "§ 17, stk. 4-udvalg"; informational. */
  groupName: string | null;
};

export type ImportedMember = {
  sourceKey: string;
  name: string;
  email: string | null;
  /** Formand, Næstformand, Medlem … as the source writes it. */
  role: string | null;
  party: string | null;
  /** Fremmøde where the source records it. */
  attendance: 'attending' | 'sent_regrets' | 'absent' | null;
};

export type ImportedSection = {
  heading: string;
  /** Sanitised with the papers' rich-text allow-list (sanitizeRichText). */
  html: string;
};

export type ImportedAttachment = {
  sourceKey: string;
  title: string;
  isPublic: boolean;
  /** The file name to show, without any directory (Windows paths stripped), NFC-normalised. */
  fileName: string;
  /** Absolute path of the file inside the export, or null when it is not there (with a warning). */
  filePath: string | null;
};

export type ImportedItem = {
  sourceKey: string;
  /** The number as the source gives it: "1", "12", "1.1" (a sub-item of 1). */
  number: string;
  title: string;
  /** The title shown for a closed item; readers supply one ("Lukket punkt") when the source has none. */
  neutralTitle: string | null;
  isPublic: boolean;
  caseNumber: string | null;
  /** The memo's sections in source order, decisions excluded. */
  sections: ImportedSection[];
  /** Fields the source marks as decision/feedback ("Beslutning", "…UDVALGETS BESLUTNING"). */
  decisions: ImportedSection[];
  attachments: ImportedAttachment[];
};

export type ImportedMeeting = {
  /** Stable within the source system, so a second import updates instead of duplicating. */
  sourceKey: string;
  organization: ImportedOrganization;
  /** E.g. "Ekstraordinært PUK"; null when the source only names the committee. */
  title: string | null;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  /** Whether this export is the agenda or the minutes of the meeting. */
  documentKind: 'agenda' | 'minutes';
  /** Final (published by the source) or draft (stays internal). */
  isFinal: boolean;
  members: ImportedMember[];
  /** Sorted by number (sources list them out of order). */
  items: ImportedItem[];
};

export type ImportedArchive = {
  format: ImportFormat;
  /** Namespace of the source keys, e.g. "publication", "edoc:Ballerup Kommune". */
  sourceSystem: string;
  meetings: ImportedMeeting[];
  warnings: ImportWarning[];
};
