import {
  checkImportHeader,
  ExistingImportInventory,
  IMPORT_COLUMNS,
  ImportColumn,
  parseImportDate,
  parseImportRow,
  planSiteImport,
  readImportCsv,
} from './site-import';

type Cells = Partial<Record<ImportColumn, string>>;
const hostel: Cells = { site_name: 'Harehills Hostel', site_type: 'hostel', local_authority_code: 'E08000035', address: '1 Example Road, Leeds' };
const bedRow = (label: string, extra: Cells = {}): Cells => ({ site_name: 'Harehills Hostel', bed_label: label, ...extra });
const plan = (rows: Cells[], existing: ExistingImportInventory = new Map()) =>
  planSiteImport(rows.map((r, i) => parseImportRow(i + 2, r)), existing);

describe('checkImportHeader', () => {
  it('accepts every documented column in any order', () => {
    expect(checkImportHeader([...IMPORT_COLUMNS].reverse()).ok).toBe(true);
  });

  it('accepts the required columns alone, typed the way people type them', () => {
    const check = checkImportHeader(['Site name', 'site-type', ' LOCAL_AUTHORITY_CODE ', 'Address']);
    expect(check).toMatchObject({ ok: true, columns: ['site_name', 'site_type', 'local_authority_code', 'address'] });
  });

  it.each<[string, string[], Partial<{ unknown: string[]; missing: string[]; duplicate: string[] }>]>([
    ['a misspelt column', ['site_name', 'site_typ', 'local_authority_code', 'address'], { unknown: ['site_typ'], missing: ['site_type'] }],
    ['a stranger column', [...IMPORT_COLUMNS, 'colour'], { unknown: ['colour'] }],
    ['no address column', ['site_name', 'site_type', 'local_authority_code'], { missing: ['address'] }],
    ['a column twice', ['site_name', 'site_type', 'local_authority_code', 'address', 'Address'], { duplicate: ['address'] }],
    ['a data row where the header should be', ['Harehills Hostel', 'hostel', 'E08000035', '1 Road'], { missing: ['site_name', 'site_type', 'local_authority_code', 'address'] }],
  ])('refuses %s, naming the columns', (_, header, expected) => {
    const check = checkImportHeader(header);
    expect(check.ok).toBe(false);
    expect(check).toMatchObject(expected);
    for (const name of [...(expected.unknown ?? []), ...(expected.missing ?? [])]) expect(check.message).toContain(name);
  });
});

describe('parseImportDate', () => {
  it.each<[string, string | null]>([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'], // GMT in winter
    ['2026-07-01', '2026-06-30T23:00:00.000Z'], // BST in summer: London midnight is 23:00 UTC
    ['01/07/2026', '2026-06-30T23:00:00.000Z'], // UK spreadsheet date
    ['01/07/2026 18:30', '2026-07-01T17:30:00.000Z'],
    ['2026-07-01T18:30', '2026-07-01T17:30:00.000Z'],
    ['2026-07-01T18:30:00+01:00', '2026-07-01T17:30:00.000Z'],
    ['2026-07-01T18:30:00Z', '2026-07-01T18:30:00.000Z'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], // the clocks go forward at 01:00 that day
    ['31/02/2026', null],
    ['2026-13-01', null],
    ['07/01/26', null],
    ['next Tuesday', null],
    ['2026-07-01T25:00', null],
  ])('%s -> %s', (text, expected) => {
    expect(parseImportDate(text)?.toISOString() ?? null).toBe(expected);
  });
});

describe('parseImportRow', () => {
  it('reads a full site row', () => {
    const parsed = parseImportRow(2, {
      ...hostel,
      latitude: '53.81',
      longitude: '-1.51',
      available_from: '2026-03-01',
      single_sex: 'Female',
      accepts_children: 'no',
      wheelchair_accessible: 'YES',
      dormitory: 'true',
      staffed_hours: '24h',
      languages: 'Polish; Romanian;polish',
      nightly_cost_pence: '4500',
      local_authority_code: 'e08000035',
    });
    expect(parsed).toEqual({
      ok: true,
      row: {
        line: 2,
        siteName: 'Harehills Hostel',
        site: {
          type: 'hostel',
          localAuthorityCode: 'E08000035',
          address: '1 Example Road, Leeds',
          latitude: 53.81,
          longitude: -1.51,
          availableFrom: new Date('2026-03-01T00:00:00Z'),
          singleSex: 'female',
          acceptsChildren: false,
          wheelchairAccessible: true,
          dormitory: true,
          staffedHours: '24h',
          languages: ['Polish', 'Romanian'],
          nightlyCostPence: 4500,
        },
        room: null,
        bedLabel: null,
      },
    });
  });

  it('reads "mixed" as no single-sex restriction', () => {
    const parsed = parseImportRow(2, { ...hostel, single_sex: 'mixed' });
    expect(parsed.ok && parsed.row.site.singleSex).toBeNull();
  });

  it.each<[string, Cells, RegExp]>([
    ['no site name', { ...hostel, site_name: ' ' }, /site_name: required/],
    ['an unknown type', { ...hostel, site_type: 'castle' }, /site_type: 'castle' is not one of/],
    ['a council name for the area', { ...hostel, local_authority_code: 'Leeds' }, /local_authority_code: 'Leeds' is not an ONS code/],
    ['a latitude in words', { ...hostel, latitude: 'north', longitude: '-1.5' }, /latitude: 'north' is not a number/],
    ['a yes/no column saying maybe', { ...hostel, accepts_children: 'maybe' }, /accepts_children: 'maybe' is not yes\/no/],
    ['a nonsense date', { ...hostel, available_from: '31/02/2026' }, /available_from: '31\/02\/2026' is not a date/],
    ['a cost in pounds', { ...hostel, nightly_cost_pence: '45.00' }, /nightly_cost_pence: '45.00' is not a whole number/],
    ['a room kind without a room', { ...hostel, room_kind: 'bedroom' }, /room_kind: given without a room_name/],
    ['an unknown room kind', { ...hostel, room_name: 'Room 1', room_kind: 'cupboard' }, /room_kind: 'cupboard' is not one of/],
    ['staffed "sometimes"', { ...hostel, staffed_hours: 'sometimes' }, /staffed_hours: 'sometimes'/],
  ])('rejects %s, naming the column', (_, cells, message) => {
    const parsed = parseImportRow(7, cells);
    expect(parsed).toEqual({ ok: false, line: 7, errors: expect.arrayContaining([expect.stringMatching(message)]) });
  });

  it('gives every reason of a row at once', () => {
    const parsed = parseImportRow(3, { ...hostel, site_type: 'castle', latitude: 'x', dormitory: 'perhaps' });
    expect(!parsed.ok && parsed.errors).toHaveLength(3);
  });
});

describe('planSiteImport', () => {
  it('creates a site from its first row and its beds from the rows that follow', () => {
    const result = plan([
      hostel,
      bedRow('A1', { room_name: 'Dorm A', room_kind: 'dormitory' }),
      bedRow('A2', { room_name: 'Dorm A' }),
      bedRow('B1'),
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.sites).toHaveLength(1);
    expect(result.sites[0]).toMatchObject({ key: 'harehills hostel', line: 2, facts: { type: 'hostel', staffedHours: 'none', languages: [] } });
    expect(result.rooms).toEqual([{ key: 'harehills hostel\u0000dorm a', siteKey: 'harehills hostel', line: 3, name: 'Dorm A', kind: 'dormitory' }]);
    expect(result.beds.map((b) => [b.label, b.roomKey])).toEqual([
      ['A1', 'harehills hostel\u0000dorm a'],
      ['A2', 'harehills hostel\u0000dorm a'],
      ['B1', null],
    ]);
  });

  it('lets one row carry the site and its first bed, and later rows repeat the site identically', () => {
    const result = plan([{ ...hostel, bed_label: '1' }, { ...hostel, bed_label: '2' }]);
    expect(result).toMatchObject({ rejected: [], unchanged: 0 });
    expect(result.sites).toHaveLength(1);
    expect(result.beds).toHaveLength(2);
  });

  it('gives a new room without a kind the kind bedroom', () => {
    expect(plan([hostel, bedRow('1', { room_name: 'Room 1' })]).rooms[0].kind).toBe('bedroom');
  });

  it.each<[string, Cells[], number, RegExp]>([
    ['a bed in an interview room', [hostel, { site_name: 'Harehills Hostel', room_name: 'Interview 1', room_kind: 'interview' }, bedRow('X', { room_name: 'Interview 1' })], 4, /interview room, which cannot hold beds/],
    ['the same bed label twice', [hostel, bedRow('A1'), bedRow('a1')], 4, /already on line 3/],
    ['a later row contradicting the site type', [hostel, bedRow('A1', { site_type: 'refuge' })], 3, /site_type: 'refuge' differs from line 2 \('hostel'\)/],
    ['a later row contradicting a default', [hostel, bedRow('A1', { accepts_children: 'yes' })], 3, /accepts_children: 'true' differs from line 2 \('false'\)/],
    ['a room given two kinds', [hostel, bedRow('A1', { room_name: 'R', room_kind: 'dormitory' }), bedRow('A2', { room_name: 'r', room_kind: 'bedroom' })], 4, /room 'r' is on line 3 as dormitory, not bedroom/],
    ['a new site whose first row lacks its type', [bedRow('A1')], 2, /site 'Harehills Hostel' is new: its first row needs site_type, local_authority_code, address/],
    ['a site both dormitory and self-contained', [{ ...hostel, dormitory: 'yes', self_contained: 'yes' }], 2, /dormitory: a site cannot be both dormitory and selfContained/],
    ['a window that ends before it starts', [{ ...hostel, available_from: '2026-03-10', available_until: '2026-03-01' }], 2, /available_until: availableUntil must be after availableFrom/],
    ['half a location', [{ ...hostel, latitude: '53.8' }], 2, /latitude: a location needs both/],
    ['a latitude off the globe', [{ ...hostel, latitude: '95', longitude: '1' }], 2, /latitude: latitude must be between -90 and 90/],
  ])('rejects %s with its line number', (_, rows, line, message) => {
    const result = plan(rows);
    expect(result.rejected).toContainEqual({ line, errors: expect.arrayContaining([expect.stringMatching(message)]) });
  });

  it('rejects a row whole: a bad bed creates neither its site nor its room', () => {
    const result = plan([{ ...hostel, room_name: 'Interview 1', room_kind: 'interview', bed_label: 'X' }]);
    expect(result).toMatchObject({ sites: [], rooms: [], beds: [] });
    expect(result.rejected).toHaveLength(1);
  });

  it('lets the next complete row create a site whose first row was bad', () => {
    const result = plan([{ ...hostel, site_type: 'castle' }, hostel, bedRow('1')]);
    expect(result.rejected.map((r) => r.line)).toEqual([2]);
    expect(result.sites.map((s) => s.line)).toEqual([3]);
    expect(result.beds).toHaveLength(1);
  });

  it('creates nothing for sites, rooms and beds already stored, and counts those rows as unchanged', () => {
    const existing: ExistingImportInventory = new Map([
      [
        'harehills hostel',
        { id: 'site-1', rooms: new Map([['dorm a', { id: 'room-1', name: 'Dorm A', kind: 'dormitory' as const }]]), bedLabels: new Set(['a1']) },
      ],
    ]);
    const result = plan(
      [{ ...hostel, site_type: 'refuge' }, bedRow('A1', { room_name: 'Dorm A' }), bedRow('A2', { room_name: 'DORM A' }), bedRow('C1', { room_name: 'Room C' })],
      existing,
    );
    // An existing site is not edited by import, so a differing type on its row is not an error.
    expect(result.rejected).toEqual([]);
    expect(result.sites).toEqual([]);
    expect(result.unchanged).toBe(2);
    expect(result.rooms.map((r) => r.name)).toEqual(['Room C']);
    expect(result.beds.map((b) => [b.label, b.roomKey])).toEqual([
      ['A2', 'harehills hostel\u0000dorm a'],
      ['C1', 'harehills hostel\u0000room c'],
    ]);
  });

  it('says which rows merge into a stored site, one entry per site, leaving out rejected rows', () => {
    const existing: ExistingImportInventory = new Map([['harehills hostel', { id: 'site-1', rooms: new Map(), bedLabels: new Set(['a1']) }]]);
    const result = plan(
      [
        { ...hostel, site_name: 'HAREHILLS HOSTEL' },
        bedRow('A2'),
        bedRow('A3', { room_name: 'Lounge', room_kind: 'communal' }),
        { site_name: 'New House', site_type: 'refuge', local_authority_code: 'E08000035', address: '2 Example Road' },
        bedRow('A1'),
      ],
      existing,
    );
    expect(result.rejected.map((r) => r.line)).toEqual([4]);
    expect(result.merging).toEqual([{ siteId: 'site-1', siteName: 'HAREHILLS HOSTEL', lines: [2, 3, 6] }]);
    expect(result.sites.map((s) => s.facts.name)).toEqual(['New House']);
  });

  it('refuses a bed in a stored room that cannot hold beds', () => {
    const existing: ExistingImportInventory = new Map([
      ['harehills hostel', { id: 's', rooms: new Map([['staff room', { id: 'r', name: 'Staff room', kind: 'staff' as const }]]), bedLabels: new Set<string>() }],
    ]);
    const result = plan([bedRow('Z', { room_name: 'Staff room' })], existing);
    expect(result.rejected).toEqual([{ line: 2, errors: [expect.stringMatching(/staff room, which cannot hold beds/)] }]);
  });

  it('plans a second import of the same file as nothing new', () => {
    const rows = [hostel, bedRow('A1', { room_name: 'Dorm A', room_kind: 'dormitory' }), bedRow('A2', { room_name: 'Dorm A' })];
    const first = plan(rows);
    const stored: ExistingImportInventory = new Map([
      ['harehills hostel', { id: 's', rooms: new Map([['dorm a', { id: 'r', name: 'Dorm A', kind: 'dormitory' as const }]]), bedLabels: new Set(['a1', 'a2']) }],
    ]);
    const second = plan(rows, stored);
    expect(first.sites.length + first.rooms.length + first.beds.length).toBe(4);
    expect(first.merging).toEqual([]);
    expect(second).toEqual({ sites: [], rooms: [], beds: [], rejected: [], unchanged: 3, merging: [{ siteId: 's', siteName: 'Harehills Hostel', lines: [2, 3, 4] }] });
  });
});

describe('readImportCsv', () => {
  const H = 'site_name,site_type,local_authority_code,address,bed_label';
  const lines = (text: string) => {
    const read = readImportCsv(text);
    if (!read.ok) throw new Error(read.message);
    return read.rows.map((r) => (r.ok ? r.row.line : r.line));
  };

  it.each<[string, string, number[]]>([
    ['LF line ends', `${H}\nA,hostel,E08000035,x,1\nA,,,,2\n`, [2, 3]],
    ['CRLF line ends (Excel)', `${H}\r\nA,hostel,E08000035,x,1\r\nA,,,,2\r\n`, [2, 3]],
    ['no final line end', `${H}\nA,hostel,E08000035,x,1`, [2]],
    ['a byte-order mark', `\uFEFF${H}\nA,hostel,E08000035,x,1\n`, [2]],
    ['an address over three lines (LF)', `${H}\nA,hostel,E08000035,"1\n2\n3",1\nA,,,,2\n`, [2, 5]],
    ['an address over three lines (CRLF)', `${H}\r\nA,hostel,E08000035,"1\r\n2\r\n3",1\r\nA,,,,2\r\n`, [2, 5]],
    ['blank lines before the header and between rows', `\n\n${H}\n\nA,hostel,E08000035,x,1\n,,,,\nA,,,,2\n`, [5, 7]],
  ])('numbers rows by the line they start on: %s', (_, text, expected) => {
    expect(lines(text)).toEqual(expected);
  });

  it('rejects a row with too few or too many cells, naming the counts', () => {
    const read = readImportCsv(`${H}\nA,hostel\nB,hostel,E08000035,x,1,extra\n`);
    expect(read).toEqual({
      ok: true,
      rows: [
        { ok: false, line: 2, errors: ['the row has 2 cells but the header has 5'] },
        { ok: false, line: 3, errors: ['the row has 6 cells but the header has 5'] },
      ],
    });
  });

  it.each<[string, string, string, RegExp]>([
    ['an empty file', '', 'BAD_CSV', /empty/],
    ['only blank lines', '\n\n  \n', 'BAD_CSV', /empty/],
    ['an unclosed quote', `${H}\nA,hostel,E08000035,"x,1\n`, 'BAD_CSV', /Quote Not Closed/],
    ['a wrong header', 'name,type\nA,hostel\n', 'BAD_CSV_HEADER', /unknown columns: name, type/],
  ])('refuses %s as a whole', (_, text, code, message) => {
    expect(readImportCsv(text)).toEqual({ ok: false, code, message: expect.stringMatching(message) });
  });
});
