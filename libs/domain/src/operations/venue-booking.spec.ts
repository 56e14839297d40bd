import { checkVenueBooking, nightsBetween } from './venue-booking';

const at = (iso: string) => new Date(iso);
const booking = (fields: Partial<Parameters<typeof checkVenueBooking>[0]> = {}) => ({
  siteType: 'reception_centre',
  opensAt: at('2025-06-10T06:00:00+01:00'),
  closesAt: at('2025-06-15T12:00:00+01:00'),
  siteAvailableFrom: null,
  siteAvailableUntil: null,
  ...fields,
});

describe('booking a venue for the reception centre', () => {
  it('the reported booking: five nights in a reception centre', () => {
    expect(checkVenueBooking(booking())).toEqual({ ok: true, nights: 5 });
  });

  it('a respite centre arranged before a raid is a venue too', () => {
    expect(checkVenueBooking(booking({ siteType: 'respite_centre' }))).toEqual({ ok: true, nights: 5 });
  });

  it.each(['hostel', 'bed_and_breakfast', 'safe_house', 'foster_placement', 'void_property'])('a %s is not a reception venue', (siteType) => {
    expect(checkVenueBooking(booking({ siteType }))).toMatchObject({ ok: false, code: 'NOT_A_RECEPTION_VENUE' });
  });

  it.each([
    ['closing when it opens', at('2025-06-10T06:00:00+01:00')],
    ['closing before it opens', at('2025-06-09T06:00:00+01:00')],
  ])('refuses %s', (_, closesAt) => {
    expect(checkVenueBooking(booking({ closesAt }))).toMatchObject({ ok: false, code: 'INVALID_WINDOW' });
  });

  it.each([
    ['14 nights is the cap', '2025-06-24T12:00:00+01:00', true],
    ['15 nights is too long', '2025-06-25T12:00:00+01:00', false],
    ['a year (typing error) is too long', '2026-06-10T12:00:00+01:00', false],
  ])('%s', (_, closesAt, ok) => {
    const result = checkVenueBooking(booking({ closesAt: at(closesAt) }));
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.code).toBe('WINDOW_TOO_LONG');
  });

  it('the cap is policy', () => {
    expect(checkVenueBooking(booking(), { maxNights: 3 })).toMatchObject({ ok: false, code: 'WINDOW_TOO_LONG' });
  });

  it.each([
    ['opening before the venue is available', { siteAvailableFrom: at('2025-06-11T00:00:00+01:00') }, false],
    ['closing after the venue is given back', { siteAvailableUntil: at('2025-06-14T00:00:00+01:00') }, false],
    ['exactly the venue\'s window', { siteAvailableFrom: at('2025-06-10T06:00:00+01:00'), siteAvailableUntil: at('2025-06-15T12:00:00+01:00') }, true],
    ['inside the venue\'s window', { siteAvailableFrom: at('2025-06-01T00:00:00+01:00'), siteAvailableUntil: at('2025-07-01T00:00:00+01:00') }, true],
  ])('%s', (_, window, ok) => {
    const result = checkVenueBooking(booking(window));
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.code).toBe('OUTSIDE_SITE_AVAILABILITY');
  });
});

describe('nights between two instants, on the London calendar', () => {
  it.each([
    ['same evening', '2025-06-10T18:00:00+01:00', '2025-06-10T23:00:00+01:00', 0],
    ['overnight', '2025-06-10T18:00:00+01:00', '2025-06-11T09:00:00+01:00', 1],
    ['00:30 BST is the next London day although still the previous UTC day', '2025-06-10T18:00:00+01:00', '2025-06-10T23:30:00Z', 1],
    ['across the October clock change', '2025-10-25T20:00:00+01:00', '2025-10-27T09:00:00Z', 2],
    ['across the March clock change', '2025-03-29T20:00:00Z', '2025-03-31T09:00:00+01:00', 2],
  ])('%s', (_, from, to, nights) => expect(nightsBetween(at(from), at(to))).toBe(nights));
});
