import { normaliseLanguages, SiteFacts, siteRuleViolations, windowCovers } from './site-rules';

const hostel: SiteFacts = {
  name: 'Harehills Hostel',
  type: 'hostel',
  localAuthorityCode: 'E08000035',
  address: '1 Example Road, Leeds',
  latitude: 53.81,
  longitude: -1.51,
  availableFrom: null,
  availableUntil: null,
  singleSex: null,
  acceptsChildren: false,
  acceptsFamilies: false,
  wheelchairAccessible: true,
  selfContained: false,
  dormitory: true,
  staffedHours: '24h',
  traumaInformed: false,
  acceptsNoRecourseToPublicFunds: true,
  acceptsPets: false,
  substanceMisuseSupport: false,
  languages: ['Polish', 'Romanian'],
  nightlyCostPence: null,
};
const d = (iso: string) => new Date(iso);

describe('siteRuleViolations', () => {
  it('accepts a well-formed hostel', () => {
    expect(siteRuleViolations(hostel)).toEqual([]);
  });

  it.each<[string, Partial<SiteFacts>, string, RegExp]>([
    ['an unknown type', { type: 'castle' }, 'type', /one of place_of_safety/],
    ['a lower-case area code', { localAuthorityCode: 'e08000035' }, 'localAuthorityCode', /ONS code/],
    ['a council name as area', { localAuthorityCode: 'Leeds' }, 'localAuthorityCode', /ONS code/],
    ['a blank name', { name: '   ' }, 'name', /required/],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name', /at most 200/],
    ['a blank address', { address: '' }, 'address', /required/],
    ['latitude without longitude', { longitude: null }, 'latitude', /both latitude and longitude/],
    ['longitude without latitude', { latitude: null }, 'latitude', /both/],
    ['latitude 91', { latitude: 91 }, 'latitude', /between -90 and 90/],
    ['latitude -90.5', { latitude: -90.5 }, 'latitude', /between -90 and 90/],
    ['longitude 181', { longitude: 181 }, 'longitude', /between -180 and 180/],
    ['longitude NaN', { longitude: NaN }, 'longitude', /between/],
    ['a window ending before it starts', { availableFrom: d('2026-03-10T00:00:00Z'), availableUntil: d('2026-03-01T00:00:00Z') }, 'availableUntil', /after availableFrom/],
    ['a window of no length', { availableFrom: d('2026-03-10T00:00:00Z'), availableUntil: d('2026-03-10T00:00:00Z') }, 'availableUntil', /after/],
    ['an invalid date', { availableFrom: new Date('nonsense') }, 'availableFrom', /not a valid date/],
    ['single sex "other"', { singleSex: 'other' }, 'singleSex', /female, male/],
    ['staffed hours "sometimes"', { staffedHours: 'sometimes' }, 'staffedHours', /24h/],
    ['dormitory and self-contained', { dormitory: true, selfContained: true }, 'dormitory', /both dormitory and selfContained/],
    ['51 languages', { languages: Array.from({ length: 51 }, (_, i) => `lang${i}`) }, 'languages', /at most 50/],
    ['a blank language', { languages: ['Polish', ' '] }, 'languages', /1-50 characters/],
    ['a negative nightly cost', { nightlyCostPence: -1 }, 'nightlyCostPence', /0 or more/],
    ['a fractional nightly cost', { nightlyCostPence: 12.5 }, 'nightlyCostPence', /whole number/],
  ])('refuses %s', (_, change, field, message) => {
    const violations = siteRuleViolations({ ...hostel, ...change });
    expect(violations).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it.each<[string, Partial<SiteFacts>]>([
    ['no location at all', { latitude: null, longitude: null }],
    ['the poles and the antimeridian', { latitude: -90, longitude: 180 }],
    ['an open-ended window', { availableFrom: d('2026-03-01T00:00:00Z'), availableUntil: null }],
    ['a window with only an end', { availableFrom: null, availableUntil: d('2026-03-01T00:00:00Z') }],
    ['a women-only self-contained flat', { type: 'self_contained_flat', singleSex: 'female', dormitory: false, selfContained: true }],
    ['a free bed', { nightlyCostPence: 0 }],
    ['every site type', { type: 'foster_placement' }],
  ])('accepts %s', (_, change) => {
    expect(siteRuleViolations({ ...hostel, ...change })).toEqual([]);
  });

  it('gives every reason at once', () => {
    const violations = siteRuleViolations({ ...hostel, type: 'castle', latitude: 100, dormitory: true, selfContained: true });
    expect(violations.map((v) => v.field)).toEqual(['type', 'latitude', 'dormitory']);
  });
});

describe('normaliseLanguages', () => {
  it.each([
    [['Polish', ' polish ', 'Romanian'], ['Polish', 'Romanian']],
    [['', ' ', 'ro'], ['ro']],
    [[], []],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseLanguages(input)).toEqual(expected);
  });
});

describe('windowCovers', () => {
  const window = { availableFrom: d('2026-03-01T00:00:00Z'), availableUntil: d('2026-03-06T00:00:00Z') };
  it.each<[string, typeof window, Date, Date | null, boolean]>([
    ['a stay inside a booked venue', window, d('2026-03-02T18:00:00Z'), d('2026-03-05T10:00:00Z'), true],
    ['a stay ending exactly when the booking ends', window, d('2026-03-01T00:00:00Z'), d('2026-03-06T00:00:00Z'), true],
    ['a stay starting before the booking', window, d('2026-02-28T22:00:00Z'), d('2026-03-02T00:00:00Z'), false],
    ['a stay running past the booking', window, d('2026-03-05T00:00:00Z'), d('2026-03-07T00:00:00Z'), false],
    ['an open-ended stay at a booked venue', window, d('2026-03-02T00:00:00Z'), null, false],
    ['an open-ended stay at a site with no window', { availableFrom: null, availableUntil: null } as never, d('2026-03-02T00:00:00Z'), null, true],
  ])('%s', (_, w, from, until, expected) => {
    expect(windowCovers(w, from, until)).toBe(expected);
  });
});
