import { TZDate } from '@date-fns/tz';
import { CsvError, parse } from 'csv-parse/sync';
import { normaliseLanguages, SiteFacts, siteRuleViolations } from './site-rules';
import { ROOM_KINDS, RoomKind, roomHoldsBeds, SINGLE_SEX, SITE_TYPES, STAFFED_HOURS } from './vocabulary';

/**
 * Bulk import of a council's accommodation spreadsheet. One row per site or per bed: a row names its
 * site, optionally a room, optionally a bed. The first row of a new site carries the site's details; later
 * rows of that site may leave them blank (or repeat them identically). Import only ever creates: a site,
 * room or bed that already exists (same organisation + site name, same site + room name, same site + bed
 * label, case-insensitive) is left as it is, so importing the same file twice creates nothing new.
 */

export const IMPORT_COLUMNS = [
  'site_name',
  'site_type',
  'local_authority_code',
  'address',
  'latitude',
  'longitude',
  'available_from',
  'available_until',
  'single_sex',
  'accepts_children',
  'accepts_families',
  'wheelchair_accessible',
  'self_contained',
  'dormitory',
  'staffed_hours',
  'trauma_informed',
  'accepts_no_recourse_to_public_funds',
  'accepts_pets',
  'substance_misuse_support',
  'languages',
  'nightly_cost_pence',
  'room_name',
  'room_kind',
  'bed_label',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['site_name', 'site_type', 'local_authority_code', 'address'];

/** Which site fact each site column fills. */
const SITE_COLUMN_FIELD: Partial<Record<ImportColumn, keyof SiteFacts>> = {
  site_type: 'type',
  local_authority_code: 'localAuthorityCode',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
  available_from: 'availableFrom',
  available_until: 'availableUntil',
  single_sex: 'singleSex',
  accepts_children: 'acceptsChildren',
  accepts_families: 'acceptsFamilies',
  wheelchair_accessible: 'wheelchairAccessible',
  self_contained: 'selfContained',
  dormitory: 'dormitory',
  staffed_hours: 'staffedHours',
  trauma_informed: 'traumaInformed',
  accepts_no_recourse_to_public_funds: 'acceptsNoRecourseToPublicFunds',
  accepts_pets: 'acceptsPets',
  substance_misuse_support: 'substanceMisuseSupport',
  languages: 'languages',
  nightly_cost_pence: 'nightlyCostPence',
};
const FIELD_COLUMN = Object.fromEntries(
  [['name', 'site_name'], ...Object.entries(SITE_COLUMN_FIELD).map(([c, f]) => [f, c])],
) as Record<keyof SiteFacts, ImportColumn>;

export const IMPORT_LIMITS = { siteName: 200, roomName: 200, bedLabel: 100 } as const;

/** Spreadsheet headers are typed by people: "Site name" and "site-name" both mean site_name. */
export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

export interface HeaderCheck {
  ok: boolean;
  unknown: string[];
  missing: string[];
  duplicate: string[];
  /** Column index -> known column, when ok. */
  columns: Array<ImportColumn>;
  message: string;
}

export function checkImportHeader(header: string[]): HeaderCheck {
  const normalised = header.map(normaliseHeader);
  const known = new Set<string>(IMPORT_COLUMNS);
  const unknown = header.filter((_, i) => !known.has(normalised[i]));
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !normalised.includes(c));
  const duplicate = [...new Set(normalised.filter((c, i) => known.has(c) && normalised.indexOf(c) !== i))];
  const ok = unknown.length === 0 && missing.length === 0 && duplicate.length === 0;
  const parts: string[] = [];
  if (unknown.length) parts.push(`unknown columns: ${unknown.join(', ')}`);
  if (missing.length) parts.push(`missing required columns: ${missing.join(', ')}`);
  if (duplicate.length) parts.push(`columns given twice: ${duplicate.join(', ')}`);
  const message = ok
    ? 'header ok'
    : `The header row is wrong (${parts.join('; ')}). Expected columns: ${IMPORT_COLUMNS.join(', ')} (required: ${REQUIRED_IMPORT_COLUMNS.join(', ')}).`;
  return { ok, unknown, missing, duplicate, columns: ok ? (normalised as ImportColumn[]) : [], message };
}

type GivenSite = Partial<Omit<SiteFacts, 'name'>>;

export interface ImportRow {
  line: number;
  siteName: string;
  /** Only the site columns that were filled in. */
  site: GivenSite;
  room: { name: string; kind: RoomKind | null } | null;
  bedLabel: string | null;
}

export type ParsedImportRow = { ok: true; row: ImportRow } | { ok: false; line: number; errors: string[] };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);
const LONDON = 'Europe/London';

/**
 * Spreadsheet dates: ISO 8601 with an offset is taken as written; without one (or as a UK date
 * DD/MM/YYYY, how Excel exports in the UK) it is London local time, and a date alone means 00:00 that day.
 */
export function parseImportDate(text: string): Date | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const uk = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  let parts: number[] | null = null;
  if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((x) => Number(x ?? 0));
  else if (uk) parts = [uk[3], uk[2], uk[1], uk[4], uk[5], uk[6]].map((x) => Number(x ?? 0));
  if (!parts) return null;
  const [y, mo, d, h, mi, se] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, se, LONDON);
  // 31/02 rolls over into March: refuse it rather than guess.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return new Date(date.getTime());
}

/** Read one data row (cells by column); `line` is its line number in the file, for the user. */
export function parseImportRow(line: number, cells: Partial<Record<ImportColumn, string>>): ParsedImportRow {
  const errors: string[] = [];
  const cell = (c: ImportColumn) => (cells[c] ?? '').trim();
  const site: GivenSite = {};

  const siteName = cell('site_name');
  if (!siteName) errors.push('site_name: required');
  else if (siteName.length > IMPORT_LIMITS.siteName) errors.push(`site_name: at most ${IMPORT_LIMITS.siteName} characters`);

  const oneOf = (c: ImportColumn, allowed: readonly string[], set: (v: string) => void) => {
    const v = cell(c);
    if (!v) return;
    const lower = v.toLowerCase();
    if (allowed.includes(lower)) set(lower);
    else errors.push(`${c}: '${v}' is not one of ${allowed.join(', ')}`);
  };
  const bool = (c: ImportColumn, field: keyof GivenSite) => {
    const v = cell(c).toLowerCase();
    if (!v) return;
    if (TRUE_WORDS.has(v)) (site as Record<string, unknown>)[field] = true;
    else if (FALSE_WORDS.has(v)) (site as Record<string, unknown>)[field] = false;
    else errors.push(`${c}: '${cell(c)}' is not yes/no (or true/false, 1/0)`);
  };
  const number = (c: ImportColumn, field: 'latitude' | 'longitude') => {
    const v = cell(c);
    if (!v) return;
    const n = /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (Number.isNaN(n)) errors.push(`${c}: '${v}' is not a number`);
    else site[field] = n;
  };
  const date = (c: ImportColumn, field: 'availableFrom' | 'availableUntil') => {
    const v = cell(c);
    if (!v) return;
    const d = parseImportDate(v);
    if (!d) errors.push(`${c}: '${v}' is not a date (use 2026-03-01, 2026-03-01T18:00:00+00:00 or 01/03/2026)`);
    else site[field] = d;
  };

  oneOf('site_type', SITE_TYPES, (v) => (site.type = v));
  const area = cell('local_authority_code');
  if (area) {
    if (/^[A-Z][0-9]{8}$/i.test(area)) site.localAuthorityCode = area.toUpperCase();
    else errors.push(`local_authority_code: '${area}' is not an ONS code like E08000035`);
  }
  if (cell('address')) site.address = cell('address');
  number('latitude', 'latitude');
  number('longitude', 'longitude');
  date('available_from', 'availableFrom');
  date('available_until', 'availableUntil');
  oneOf('single_sex', [...SINGLE_SEX, 'mixed'], (v) => (site.singleSex = v === 'mixed' ? null : v));
  bool('accepts_children', 'acceptsChildren');
  bool('accepts_families', 'acceptsFamilies');
  bool('wheelchair_accessible', 'wheelchairAccessible');
  bool('self_contained', 'selfContained');
  bool('dormitory', 'dormitory');
  oneOf('staffed_hours', STAFFED_HOURS, (v) => (site.staffedHours = v));
  bool('trauma_informed', 'traumaInformed');
  bool('accepts_no_recourse_to_public_funds', 'acceptsNoRecourseToPublicFunds');
  bool('accepts_pets', 'acceptsPets');
  bool('substance_misuse_support', 'substanceMisuseSupport');
  // Commas separate cells, so languages are separated by ";" (a quoted cell may use commas too).
  if (cell('languages')) site.languages = normaliseLanguages(cell('languages').split(/[;,|]/));
  const cost = cell('nightly_cost_pence');
  if (cost) {
    if (/^\d{1,9}$/.test(cost)) site.nightlyCostPence = Number(cost);
    else errors.push(`nightly_cost_pence: '${cost}' is not a whole number of pence`);
  }

  let room: ImportRow['room'] = null;
  const roomName = cell('room_name');
  const roomKindText = cell('room_kind');
  if (roomName.length > IMPORT_LIMITS.roomName) errors.push(`room_name: at most ${IMPORT_LIMITS.roomName} characters`);
  if (roomKindText && !roomName) errors.push('room_kind: given without a room_name');
  let roomKind: RoomKind | null = null;
  oneOf('room_kind', ROOM_KINDS, (v) => (roomKind = v as RoomKind));
  if (roomName) room = { name: roomName, kind: roomKind };

  const bedLabel = cell('bed_label') || null;
  if (bedLabel && bedLabel.length > IMPORT_LIMITS.bedLabel) errors.push(`bed_label: at most ${IMPORT_LIMITS.bedLabel} characters`);

  if (errors.length) return { ok: false, line, errors };
  return { ok: true, row: { line, siteName, site, room, bedLabel } };
}

/** What the database already holds for the importing organisation, keyed by lower-case names. */
export interface ExistingImportSite {
  id: string;
  rooms: Map<string, { id: string; name: string; kind: RoomKind }>;
  bedLabels: Set<string>;
}
export type ExistingImportInventory = Map<string, ExistingImportSite>;

export interface PlannedSite {
  key: string;
  line: number;
  facts: SiteFacts;
}
export interface PlannedRoom {
  key: string;
  siteKey: string;
  line: number;
  name: string;
  kind: RoomKind;
}
export interface PlannedBed {
  siteKey: string;
  roomKey: string | null;
  line: number;
  label: string;
}
export interface ImportPlan {
  sites: PlannedSite[];
  rooms: PlannedRoom[];
  beds: PlannedBed[];
  rejected: Array<{ line: number; errors: string[] }>;
  /** Good rows whose site, room and bed were all there already. */
  unchanged: number;
  /**
   * Stored sites the file names (same organisation, same name ignoring case): the file's rooms and beds
   * are added to them and their details are left as they are. Said before importing, never silently.
   */
  merging: Array<{ siteId: string; siteName: string; lines: number[] }>;
}

export const siteKeyOf = (name: string) => name.trim().toLowerCase();
export const roomKeyOf = (siteKey: string, roomName: string) => `${siteKey}\u0000${roomName.trim().toLowerCase()}`;

export const DEFAULT_IMPORTED_SITE: Omit<SiteFacts, 'name' | 'type' | 'localAuthorityCode' | 'address'> = {
  latitude: null,
  longitude: null,
  availableFrom: null,
  availableUntil: null,
  singleSex: null,
  acceptsChildren: false,
  acceptsFamilies: false,
  wheelchairAccessible: false,
  selfContained: false,
  dormitory: false,
  staffedHours: 'none',
  traumaInformed: false,
  acceptsNoRecourseToPublicFunds: false,
  acceptsPets: false,
  substanceMisuseSupport: false,
  languages: [],
  nightlyCostPence: null,
};

const sameValue = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => String(x).toLowerCase() === String(b[i]).toLowerCase());
  }
  return a === b;
};
const show = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(';') : v === null ? 'mixed' : String(v);

/**
 * Decide, row by row in file order, what each good row creates. A row is all-or-nothing: it is either
 * accepted whole (creating whatever of its site, room and bed is new) or rejected with every reason.
 */
export function planSiteImport(parsed: ParsedImportRow[], existing: ExistingImportInventory): ImportPlan {
  const plan: ImportPlan = { sites: [], rooms: [], beds: [], rejected: [], unchanged: 0, merging: [] };
  const merging = new Map<string, ImportPlan['merging'][number]>();
  const fileSites = new Map<string, { line: number; given: GivenSite }>();
  const fileRooms = new Map<string, PlannedRoom>();
  const fileBeds = new Map<string, number>();

  for (const entry of [...parsed].sort((a, b) => lineOf(a) - lineOf(b))) {
    if (!entry.ok) {
      plan.rejected.push({ line: entry.line, errors: entry.errors });
      continue;
    }
    const row = entry.row;
    const errors: string[] = [];
    const siteKey = siteKeyOf(row.siteName);
    const stored = existing.get(siteKey);
    const defined = fileSites.get(siteKey);
    let newSite: PlannedSite | null = null;

    if (stored) {
      // An existing site is never changed by import (use PATCH): its columns on this row are not read.
    } else if (defined) {
      for (const [field, value] of Object.entries(row.site) as Array<[keyof GivenSite, unknown]>) {
        const first = field in defined.given ? defined.given[field] : (DEFAULT_IMPORTED_SITE as Record<string, unknown>)[field];
        if (!sameValue(first, value)) {
          errors.push(`${FIELD_COLUMN[field]}: '${show(value)}' differs from line ${defined.line} ('${show(first)}') for site '${row.siteName}'`);
        }
      }
    } else {
      const missing = (['type', 'localAuthorityCode', 'address'] as const).filter((f) => row.site[f] === undefined);
      if (missing.length) {
        errors.push(`site '${row.siteName}' is new: its first row needs ${missing.map((f) => FIELD_COLUMN[f]).join(', ')}`);
      } else {
        const facts: SiteFacts = { ...DEFAULT_IMPORTED_SITE, ...row.site, name: row.siteName } as SiteFacts;
        const violations = siteRuleViolations(facts);
        for (const v of violations) errors.push(`${FIELD_COLUMN[v.field]}: ${v.message}`);
        if (!violations.length) newSite = { key: siteKey, line: row.line, facts };
      }
    }

    let newRoom: PlannedRoom | null = null;
    let roomKey: string | null = null;
    let roomKind: RoomKind | null = null;
    if (row.room) {
      roomKey = roomKeyOf(siteKey, row.room.name);
      const storedRoom = stored?.rooms.get(row.room.name.trim().toLowerCase());
      const known = storedRoom ?? fileRooms.get(roomKey);
      if (known) {
        roomKind = known.kind;
        if (row.room.kind && row.room.kind !== known.kind) {
          const where = storedRoom ? 'already exists' : `is on line ${(known as PlannedRoom).line}`;
          errors.push(`room_kind: room '${row.room.name}' ${where} as ${known.kind}, not ${row.room.kind}`);
        }
      } else {
        roomKind = row.room.kind ?? 'bedroom';
        newRoom = { key: roomKey, siteKey, line: row.line, name: row.room.name, kind: roomKind };
      }
    }

    let newBed: PlannedBed | null = null;
    if (row.bedLabel) {
      const labelKey = row.bedLabel.toLowerCase();
      const bedKey = `${siteKey}\u0000${labelKey}`;
      if (roomKind && !roomHoldsBeds(roomKind)) {
        errors.push(`bed_label: room '${row.room!.name}' is a ${roomKind} room, which cannot hold beds (only bedroom or dormitory)`);
      } else if (stored?.bedLabels.has(labelKey)) {
        // already there: nothing to create
      } else if (fileBeds.has(bedKey)) {
        errors.push(`bed_label: bed '${row.bedLabel}' of site '${row.siteName}' is already on line ${fileBeds.get(bedKey)}`);
      } else {
        newBed = { siteKey, roomKey, line: row.line, label: row.bedLabel };
      }
    }

    if (errors.length) {
      plan.rejected.push({ line: row.line, errors });
      continue;
    }
    if (stored) {
      const merge = merging.get(siteKey) ?? { siteId: stored.id, siteName: row.siteName, lines: [] };
      merge.lines.push(row.line);
      if (!merging.has(siteKey)) merging.set(siteKey, merge);
    }
    if (newSite) {
      fileSites.set(siteKey, { line: row.line, given: row.site });
      plan.sites.push(newSite);
    }
    if (newRoom) {
      fileRooms.set(newRoom.key, newRoom);
      plan.rooms.push(newRoom);
    }
    if (newBed) {
      fileBeds.set(`${siteKey}\u0000${newBed.label.toLowerCase()}`, row.line);
      plan.beds.push(newBed);
    }
    if (!newSite && !newRoom && !newBed) plan.unchanged += 1;
  }
  plan.rejected.sort((a, b) => a.line - b.line);
  plan.merging = [...merging.values()];
  return plan;
}

const lineOf = (p: ParsedImportRow) => (p.ok ? p.row.line : p.line);

export type ReadImportCsv =
  | { ok: true; rows: ParsedImportRow[] }
  | { ok: false; code: 'BAD_CSV' | 'BAD_CSV_HEADER'; message: string };

/**
 * Read the whole file: check its header, then parse each data row with the line number it starts on in
 * the user's spreadsheet. Blank rows are skipped; a row with the wrong number of cells is rejected.
 */
export function readImportCsv(text: string): ReadImportCsv {
  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(text, { bom: true, raw: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    return { ok: false, code: 'BAD_CSV', message: `The file is not valid CSV: ${err instanceof CsvError ? err.message : 'unreadable'}` };
  }
  // Line numbers are counted here rather than taken from the parser, which counts a CRLF inside a quoted
  // cell as two lines. `raw` holds the record's terminator when it is "\n", but only the "\r" of "\r\n".
  let line = 1;
  const numbered = records.map(({ record, raw }) => {
    const start = line;
    const withEnd = raw.endsWith('\n') ? raw : `${raw}\n`;
    line += (withEnd.match(/\r\n|\r|\n/g) ?? []).length;
    return { record, line: start };
  });
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');
  const first = numbered.findIndex((r) => !isBlank(r.record));
  if (first < 0) return { ok: false, code: 'BAD_CSV', message: 'The file is empty: its first line must be the header row' };
  const check = checkImportHeader(numbered[first].record);
  if (!check.ok) return { ok: false, code: 'BAD_CSV_HEADER', message: check.message };

  const rows: ParsedImportRow[] = [];
  for (const { record, line: rowLine } of numbered.slice(first + 1)) {
    if (isBlank(record)) continue;
    if (record.length !== check.columns.length) {
      rows.push({ ok: false, line: rowLine, errors: [`the row has ${record.length} cells but the header has ${check.columns.length}`] });
      continue;
    }
    const cells: Partial<Record<ImportColumn, string>> = {};
    check.columns.forEach((column, i) => (cells[column] = record[i]));
    rows.push(parseImportRow(rowLine, cells));
  }
  return { ok: true, rows };
}
