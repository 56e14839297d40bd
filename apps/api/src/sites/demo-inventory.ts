import { OutOfServiceReason, ReadinessItemName, RoomKind, SiteFacts } from '@safe-harbour/domain';
import { addDays } from 'date-fns';
import type { DemoContext, DemoStep } from '../demo/demo-loader';
import { BedsRepository } from './beds.repository';
import { SitesRepository } from './sites.repository';

/**
 * The demo inventory: two neighbouring council areas, Leeds (E08000035) and Bradford (E08000032), with a
 * national victim-care provider's safe houses. Every record is marked `is_demo`, every organisation name
 * ends "(demo)", and every address is fictional ("Example Street"). Shapes follow the published case
 * studies: a reception centre with interview rooms, an ABE suite, a communal area and a sleeping area; a
 * respite centre for 14; homelessness hostels used dormitory-style; spot-purchased B&Bs; void council
 * flats, one of them half-way through its readiness checks.
 */

export const DEMO_ORGANISATIONS = {
  leeds: { name: 'Leeds City Council (demo)', kind: 'council', localAuthorityCode: 'E08000035' },
  bradford: { name: 'City of Bradford Metropolitan District Council (demo)', kind: 'council', localAuthorityCode: 'E08000032' },
  safeHouses: { name: 'Yorkshire Safe Houses (demo)', kind: 'ngo', localAuthorityCode: null },
} as const;
type DemoOrg = keyof typeof DEMO_ORGANISATIONS;

interface DemoRoom {
  name: string;
  kind: RoomKind;
  /** Bed labels; a number n means labels `${prefix}1..n`. */
  beds?: number;
  prefix?: string;
}

interface DemoSite {
  org: DemoOrg;
  name: string;
  type: string;
  area: 'leeds' | 'bradford';
  street: string;
  at: [number, number];
  rooms: DemoRoom[];
  attrs?: Partial<SiteFacts>;
  /** Booked venues: usable from `window[0]` to `window[1]` days after loading. */
  window?: [number, number];
  /** Beds out of service or closed, by label. */
  outOfService?: Record<string, OutOfServiceReason | 'closed'>;
  /** Void readiness items done (void properties only). */
  readiness?: ReadinessItemName[];
}

const ALL_CHECKS: ReadinessItemName[] = ['utilities_on', 'furnished', 'safety_checked', 'keys_held'];
const bedrooms = (n: number, bedsEach = 1): DemoRoom[] =>
  Array.from({ length: n }, (_, i) => ({ name: `Bedroom ${i + 1}`, kind: 'bedroom' as const, beds: bedsEach, prefix: `${i + 1}` }));
const receptionRooms: DemoRoom[] = [
  { name: 'Interview room 1', kind: 'interview' },
  { name: 'Interview room 2', kind: 'interview' },
  { name: 'ABE suite', kind: 'abe_suite' },
  { name: 'Communal hall', kind: 'communal' },
  { name: 'Coordination room', kind: 'staff' },
  { name: 'Welfare room', kind: 'welfare' },
];

export const DEMO_SITES: DemoSite[] = [
  // --- Leeds ---
  {
    org: 'leeds', name: 'Leeds Civic Hall Reception Centre', type: 'reception_centre', area: 'leeds', street: '1 Example Street, Leeds LS1',
    at: [53.8017, -1.5486], rooms: [...receptionRooms, { name: 'Sleeping area', kind: 'dormitory', beds: 16, prefix: 'S' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Polish', 'Romanian', 'Urdu'] },
    window: [-1, 4],
  },
  {
    org: 'leeds', name: 'Harehills Place of Safety', type: 'place_of_safety', area: 'leeds', street: '12 Example Street, Harehills, Leeds LS8',
    at: [53.81, -1.515], rooms: bedrooms(3, 2),
    attrs: { singleSex: 'female', staffedHours: '24h', traumaInformed: true, acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Romanian'] },
  },
  {
    org: 'leeds', name: 'Chapeltown Place of Safety', type: 'place_of_safety', area: 'leeds', street: '7 Example Avenue, Chapeltown, Leeds LS7',
    at: [53.818, -1.53], rooms: bedrooms(3, 2),
    attrs: { singleSex: 'male', staffedHours: '24h', acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Polish', 'Albanian'] },
  },
  {
    org: 'leeds', name: 'Leeds Emergency Hostel', type: 'hostel', area: 'leeds', street: '40 Example Road, Leeds LS2',
    at: [53.7997, -1.5392], rooms: [{ name: 'Dormitory A', kind: 'dormitory', beds: 12, prefix: 'A' }, { name: 'Dormitory B', kind: 'dormitory', beds: 12, prefix: 'B' }, { name: 'Lounge', kind: 'communal' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true, languages: ['English'] },
    outOfService: { A3: 'cleaning', B7: 'repair' },
  },
  {
    org: 'leeds', name: 'Kirkstall Guest House', type: 'bed_and_breakfast', area: 'leeds', street: '3 Example Lane, Kirkstall, Leeds LS5',
    at: [53.816, -1.602], rooms: bedrooms(6), attrs: { staffedHours: 'office', nightlyCostPence: 4500, languages: ['English'] },
    outOfService: { '4-1': 'damaged' },
  },
  {
    org: 'leeds', name: 'Armley Lodge B&B', type: 'bed_and_breakfast', area: 'leeds', street: '88 Example Road, Armley, Leeds LS12',
    at: [53.798, -1.59], rooms: bedrooms(4), attrs: { staffedHours: 'office', nightlyCostPence: 5200, wheelchairAccessible: true },
    outOfService: { '2-1': 'closed' },
  },
  {
    org: 'leeds', name: 'Seacroft Void Flat', type: 'void_property', area: 'leeds', street: 'Flat 2, 5 Example Court, Seacroft, Leeds LS14',
    at: [53.822, -1.458], rooms: bedrooms(2), attrs: { selfContained: true, staffedHours: 'on_call', acceptsFamilies: true },
    readiness: ALL_CHECKS,
  },
  {
    org: 'leeds', name: 'Gipton Void House', type: 'void_property', area: 'leeds', street: '14 Example Grove, Gipton, Leeds LS9',
    at: [53.813, -1.49], rooms: [{ name: 'Front bedroom', kind: 'dormitory', beds: 4, prefix: 'F' }, { name: 'Back bedroom', kind: 'dormitory', beds: 4, prefix: 'K' }, { name: 'Living room', kind: 'communal' }],
    attrs: { dormitory: true, staffedHours: 'on_call' },
    // Mid-readiness: the utilities are on and it is furnished; the safety check and keys are outstanding.
    readiness: ['utilities_on', 'furnished'],
  },
  {
    org: 'leeds', name: 'Beeston Flat A', type: 'self_contained_flat', area: 'leeds', street: 'Flat A, 9 Example Street, Beeston, Leeds LS11',
    at: [53.775, -1.561], rooms: bedrooms(1, 2), attrs: { selfContained: true, acceptsChildren: true, acceptsFamilies: true, staffedHours: 'on_call' },
  },
  {
    org: 'leeds', name: 'Beeston Flat B', type: 'self_contained_flat', area: 'leeds', street: 'Flat B, 9 Example Street, Beeston, Leeds LS11',
    at: [53.7752, -1.5612], rooms: bedrooms(2, 1).concat([{ name: 'Bedroom 3', kind: 'bedroom', beds: 1, prefix: '3' }]),
    attrs: { selfContained: true, wheelchairAccessible: true, acceptsFamilies: true, staffedHours: 'on_call' },
  },
  {
    org: 'leeds', name: 'Leeds Women’s Refuge', type: 'refuge', area: 'leeds', street: 'Withheld — Example Place, Leeds',
    at: [53.83, -1.57], rooms: bedrooms(5, 2),
    attrs: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true, staffedHours: '24h', traumaInformed: true, languages: ['English', 'Urdu', 'Punjabi'] },
    outOfService: { '5-2': 'repair' },
  },
  {
    org: 'leeds', name: 'Leeds Foster Carers', type: 'foster_placement', area: 'leeds', street: 'Via Leeds Children’s Services (demo)',
    at: [53.79, -1.55], rooms: bedrooms(4), attrs: { acceptsChildren: true, staffedHours: '24h', traumaInformed: true },
  },
  {
    org: 'leeds', name: 'Headingley Respite Centre', type: 'respite_centre', area: 'leeds', street: '2 Example Walk, Headingley, Leeds LS6',
    at: [53.819, -1.58], rooms: [{ name: 'Hall dormitory', kind: 'dormitory', beds: 14, prefix: 'H' }, { name: 'Dining room', kind: 'communal' }, { name: 'Interview room', kind: 'interview' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Romanian', 'Bulgarian'] },
    window: [0, 14],
  },
  {
    org: 'safeHouses', name: 'North Leeds Safe House', type: 'safe_house', area: 'leeds', street: 'Withheld — Example Road, Moortown, Leeds',
    at: [53.84, -1.535], rooms: bedrooms(6),
    attrs: { singleSex: 'female', staffedHours: '24h', traumaInformed: true, acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Vietnamese', 'Albanian'] },
  },
  {
    org: 'safeHouses', name: 'East Leeds Safe House', type: 'safe_house', area: 'leeds', street: 'Withheld — Example Road, Cross Gates, Leeds',
    at: [53.805, -1.45], rooms: bedrooms(6),
    attrs: { singleSex: 'male', staffedHours: '24h', traumaInformed: true, acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Polish', 'Tigrinya'] },
  },
  // --- Bradford ---
  {
    org: 'bradford', name: 'Victoria Hall Reception Centre', type: 'reception_centre', area: 'bradford', street: '1 Example Square, Bradford BD1',
    at: [53.795, -1.752], rooms: [...receptionRooms, { name: 'Sleeping area', kind: 'dormitory', beds: 12, prefix: 'S' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Urdu', 'Punjabi', 'Slovak'] },
    window: [0, 5],
  },
  {
    org: 'bradford', name: 'Manningham Place of Safety', type: 'place_of_safety', area: 'bradford', street: '22 Example Lane, Manningham, Bradford BD8',
    at: [53.806, -1.763], rooms: bedrooms(3, 2),
    attrs: { singleSex: 'female', staffedHours: '24h', traumaInformed: true, acceptsNoRecourseToPublicFunds: true, languages: ['English', 'Urdu', 'Slovak'] },
  },
  {
    org: 'bradford', name: 'Bradford Central Hostel', type: 'hostel', area: 'bradford', street: '60 Example Street, Bradford BD5',
    at: [53.787, -1.755], rooms: [{ name: 'Dormitory 1', kind: 'dormitory', beds: 10, prefix: 'D1-' }, { name: 'Dormitory 2', kind: 'dormitory', beds: 10, prefix: 'D2-' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true },
    outOfService: { 'D1-4': 'cleaning', 'D2-9': 'cleaning' },
  },
  {
    org: 'bradford', name: 'Little Germany B&B', type: 'bed_and_breakfast', area: 'bradford', street: '5 Example Row, Little Germany, Bradford BD1',
    at: [53.796, -1.746], rooms: bedrooms(5), attrs: { staffedHours: 'office', nightlyCostPence: 4800 },
  },
  {
    org: 'bradford', name: 'Shipley Road Guest House', type: 'bed_and_breakfast', area: 'bradford', street: '140 Example Road, Shipley BD18',
    at: [53.833, -1.773], rooms: bedrooms(4), attrs: { staffedHours: 'office', nightlyCostPence: 3900, wheelchairAccessible: true },
  },
  {
    org: 'bradford', name: 'Bowling Void Flat', type: 'void_property', area: 'bradford', street: 'Flat 1, 3 Example Close, Bowling, Bradford BD4',
    at: [53.78, -1.735], rooms: bedrooms(2), attrs: { selfContained: true, staffedHours: 'on_call', acceptsFamilies: true },
    readiness: ALL_CHECKS,
  },
  {
    org: 'bradford', name: 'Holme Wood Void Flat', type: 'void_property', area: 'bradford', street: 'Flat 4, 8 Example Close, Holme Wood, Bradford BD4',
    at: [53.773, -1.71], rooms: bedrooms(3), attrs: { selfContained: true, staffedHours: 'on_call', wheelchairAccessible: true },
    readiness: ALL_CHECKS,
  },
  {
    org: 'bradford', name: 'Bradford Self-Contained Flat', type: 'self_contained_flat', area: 'bradford', street: 'Flat 3, 11 Example Street, Bradford BD3',
    at: [53.798, -1.73], rooms: bedrooms(1, 2), attrs: { selfContained: true, acceptsChildren: true, acceptsFamilies: true, staffedHours: 'on_call' },
  },
  {
    org: 'bradford', name: 'Bradford Refuge', type: 'refuge', area: 'bradford', street: 'Withheld — Example Place, Bradford',
    at: [53.81, -1.78], rooms: bedrooms(4, 2),
    attrs: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true, staffedHours: '24h', traumaInformed: true, languages: ['English', 'Urdu', 'Bengali'] },
  },
  {
    org: 'bradford', name: 'Bradford Foster Carers', type: 'foster_placement', area: 'bradford', street: 'Via Bradford Children’s Services (demo)',
    at: [53.79, -1.76], rooms: bedrooms(3), attrs: { acceptsChildren: true, staffedHours: '24h', traumaInformed: true },
  },
  {
    org: 'bradford', name: 'Keighley Respite Centre', type: 'respite_centre', area: 'bradford', street: '9 Example Street, Keighley BD21',
    at: [53.867, -1.911], rooms: [{ name: 'Main dormitory', kind: 'dormitory', beds: 12, prefix: 'M' }, { name: 'Common room', kind: 'communal' }],
    attrs: { dormitory: true, staffedHours: '24h', acceptsNoRecourseToPublicFunds: true },
    outOfService: { M12: 'other' },
  },
];

const AREA_CODES = { leeds: 'E08000035', bradford: 'E08000032' } as const;

function bedLabels(room: DemoRoom): string[] {
  if (!room.beds) return [];
  // Single bedrooms are "3-1"; dormitories use their prefix ("A1".."A12").
  const prefix = room.prefix ?? room.name;
  const sep = room.kind === 'bedroom' ? '-' : '';
  return Array.from({ length: room.beds }, (_, i) => `${prefix}${sep}${i + 1}`);
}

export const demoInventory: DemoStep = {
  name: 'inventory',
  async load({ manager, now, log }: DemoContext) {
    const [present] = await manager.query(`select exists (select 1 from site where is_demo) as present`);
    if (present.present) return 'present';

    const orgIds = {} as Record<DemoOrg, string>;
    for (const [key, org] of Object.entries(DEMO_ORGANISATIONS) as Array<[DemoOrg, (typeof DEMO_ORGANISATIONS)[DemoOrg]]>) {
      await manager.query(
        // demo councils, police and NGOs are designated first responders, as they would be in life
        `insert into organisation (name, kind, local_authority_code, first_responder, first_responder_type) values ($1, $2::text, $3, $2::text in ('council','police','ngo'),
          case $2::text when 'council' then 'local_authority' when 'police' then 'police' when 'ngo' then 'ngo' end) on conflict do nothing`,
        [org.name, org.kind, org.localAuthorityCode],
      );
      const [row] = await manager.query(`select id from organisation where lower(name) = lower($1)`, [org.name]);
      orgIds[key] = row.id;
    }

    const sitesRepo = new SitesRepository();
    const bedsRepo = new BedsRepository();
    const sites = await sitesRepo.insertSites(
      manager,
      DEMO_SITES.map((s) => ({
        organisationId: orgIds[s.org],
        isDemo: true,
        name: s.name,
        type: s.type,
        localAuthorityCode: AREA_CODES[s.area],
        address: `${s.street} (demo address)`,
        latitude: s.at[0],
        longitude: s.at[1],
        availableFrom: s.window ? addDays(now, s.window[0]) : null,
        availableUntil: s.window ? addDays(now, s.window[1]) : null,
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
        languages: ['English'],
        nightlyCostPence: null,
        ...s.attrs,
      })),
    );
    const siteId = new Map(sites.map((s) => [s.name, s.id]));

    const rooms = await sitesRepo.insertRooms(
      manager,
      DEMO_SITES.flatMap((s) => s.rooms.map((r) => ({ siteId: siteId.get(s.name)!, name: r.name, kind: r.kind }))),
    );
    const roomId = new Map(rooms.map((r) => [`${r.siteId}/${r.name}`, r.id]));

    await bedsRepo.describeChange(manager, null, 'demo data');
    const beds = await bedsRepo.insertBeds(
      manager,
      DEMO_SITES.flatMap((s) =>
        s.rooms.flatMap((r) => {
          const sid = siteId.get(s.name)!;
          return bedLabels(r).map((label) => ({ siteId: sid, roomId: roomId.get(`${sid}/${r.name}`)!, label }));
        }),
      ),
    );
    const bedId = new Map(beds.map((b) => [`${b.siteId}/${b.label}`, b.id]));

    for (const s of DEMO_SITES) {
      const sid = siteId.get(s.name)!;
      for (const [label, state] of Object.entries(s.outOfService ?? {})) {
        const id = bedId.get(`${sid}/${label}`);
        if (!id) throw new Error(`demo inventory: no bed ${label} at ${s.name}`);
        await bedsRepo.setStatus(manager, id, state === 'closed' ? 'closed' : 'out_of_service', state === 'closed' ? null : state);
      }
      for (const item of s.readiness ?? []) {
        await sitesRepo.setReadinessItem(manager, sid, item, true, null, 'demo data');
      }
    }
    log(`demo inventory: ${sites.length} sites, ${rooms.length} rooms, ${beds.length} beds in Leeds and Bradford`);
    return 'loaded';
  },
};
