/**
 * Who may do what in an operation, as data. An organisation plays a part in an operation; its users' roles
 * within that part grant capabilities. The table below is the whole rule: the API's access service reads it,
 * docs/access.md prints it, and the route matrix test (test/access-matrix.e2e-spec.ts) checks every route
 * against it. A deployment admin holds every capability everywhere.
 */

/** The product's user roles (mirrors the API's `ROLES`; kept here so the domain has no NestJS import). */
export const ACCESS_ROLES = [
  'admin',
  'emergency_planner',
  'housing_officer',
  'operation_lead',
  'partner',
  'reception_officer',
  'case_worker',
] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/**
 * - `lead`: the lead agency (usually the police force): moves the operation through its stages.
 * - `host`: a host council: plans the reception centre and owns the beds.
 * - `agency`: on the operation's roster (attending or on call): health, the Red Cross, NGOs...
 * - `data_sharing`: party to a data-sharing agreement in force for the operation (see `dataSharingCapabilities`).
 */
export const OPERATION_PARTS = ['lead', 'host', 'agency', 'data_sharing'] as const;
export type OperationPart = (typeof OPERATION_PARTS)[number];

export const CAPABILITIES = [
  /** see the operation, its counts, references and roster (404 without it) */
  'view',
  /** subscribe to its live feed */
  'watch',
  /** plan it: details, reception centres, roster */
  'plan',
  /** move it through its stages (planning -> active -> stood_down -> closed) */
  'change_stage',
  /** work with people at the centre: register, triage, stations, merge, missing/found at the desk */
  'work_with_people',
  /** record pathway facts: referrals, decisions, missing/found, exit */
  'record_pathway',
  /** names, dates of birth, triage notes, needs in full */
  'see_personal_data',
  /** find beds and place, end, transfer people */
  'place_people',
  /** case-level exports (names leave the system) */
  'export_cases',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

type Grants = Readonly<Partial<Record<AccessRole, readonly Capability[]>>>;

const WATCH: Capability[] = ['view', 'watch'];
const PLANNER: Capability[] = [...WATCH, 'plan', 'work_with_people', 'record_pathway', 'see_personal_data', 'place_people', 'export_cases'];
const HOUSING: Capability[] = [...WATCH, 'work_with_people', 'record_pathway', 'see_personal_data', 'place_people'];
const RECEPTION: Capability[] = [...WATCH, 'work_with_people', 'see_personal_data'];
const CASE_WORK: Capability[] = [...WATCH, 'record_pathway', 'see_personal_data'];

/** Part x role -> capabilities. A role not listed under a part gets nothing from that part. */
export const CAPABILITY_TABLE: Readonly<Record<OperationPart, Grants>> = {
  lead: {
    operation_lead: [...PLANNER, 'change_stage'],
    // A lead organisation's own planner (e.g. a council running its own operation) also moves its stages.
    emergency_planner: [...PLANNER, 'change_stage'],
    housing_officer: HOUSING,
    reception_officer: RECEPTION,
    case_worker: CASE_WORK,
    partner: WATCH,
  },
  host: {
    emergency_planner: PLANNER,
    operation_lead: PLANNER,
    housing_officer: HOUSING,
    reception_officer: RECEPTION,
    case_worker: CASE_WORK,
    partner: WATCH,
  },
  agency: {
    // Agencies work with people by reference: the police de-brief, the health provider checks, a council
    // on the roster finds beds. Names stay with the lead and the host councils.
    operation_lead: [...WATCH, 'work_with_people', 'record_pathway', 'place_people'],
    emergency_planner: [...WATCH, 'work_with_people', 'record_pathway', 'place_people'],
    housing_officer: [...WATCH, 'work_with_people', 'record_pathway', 'place_people'],
    reception_officer: [...WATCH, 'work_with_people'],
    case_worker: [...WATCH, 'record_pathway'],
    partner: WATCH,
  },
  // Whatever the role: a data-sharing agreement grants classes of data, not work (see dataSharingCapabilities).
  data_sharing: {},
};

/** The classes of data a data-sharing agreement may share, from the least to the most identifying. */
export const DATA_CLASSES = ['counts', 'references', 'needs', 'names'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** What a data-sharing agreement in force grants its other parties on an operation, by the classes it names. */
export function dataSharingCapabilities(classes: readonly DataClass[]): Capability[] {
  if (classes.length === 0) return [];
  return classes.includes('names') ? ['view', 'watch', 'see_personal_data'] : ['view', 'watch'];
}

export interface AccessSubject {
  roles: readonly string[];
}

export const isDeploymentAdmin = (subject: AccessSubject) => subject.roles.includes('admin');

/** The capabilities a user holds in an operation, given the parts their organisation plays in it. */
export function capabilitiesIn(
  subject: AccessSubject,
  parts: readonly OperationPart[],
  shared: readonly DataClass[] = [],
): Set<Capability> {
  if (isDeploymentAdmin(subject)) return new Set(CAPABILITIES);
  const granted = new Set<Capability>();
  for (const part of parts) {
    if (part === 'data_sharing') {
      for (const c of dataSharingCapabilities(shared)) granted.add(c);
      continue;
    }
    for (const role of subject.roles) {
      for (const c of CAPABILITY_TABLE[part][role as AccessRole] ?? []) granted.add(c);
    }
  }
  return granted;
}

/**
 * Narrow view (counts and references, no exploitation site, no needs in full): anyone in the operation who
 * may not see personal data and does not work with its people, i.e. partners and data-sharing parties.
 */
export function hasNarrowView(capabilities: ReadonlySet<Capability>): boolean {
  return !capabilities.has('see_personal_data') && !capabilities.has('work_with_people') && !capabilities.has('record_pathway');
}
