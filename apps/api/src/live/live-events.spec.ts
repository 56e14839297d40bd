import { findPersonalData, roomsFor, toLiveEvent, withoutPersonalData } from './live-events';

describe('live events', () => {
  describe('findPersonalData', () => {
    it.each([
      ['a reference and ids', { personId: 'p1', reference: 'RAV-007', stage: 'pre_nrm' }, null],
      ['counts and statuses', { counts: { available: 3, occupied: 1 }, from: 'available', to: 'occupied' }, null],
      ['an operation name', { name: 'Operation Larch' }, null],
      ['a given name', { givenName: 'Maria' }, 'data.givenName'],
      ['a family name in snake case', { family_name: 'Kowalski' }, 'data.family_name'],
      ['a date of birth, nested', { person: { reference: 'RAV-1', dateOfBirth: '2001-01-01' } }, 'data.person.dateOfBirth'],
      ['a DOB inside a list', { people: [{ reference: 'RAV-1' }, { dob: '2001-01-01' }] }, 'data.people[1].dob'],
      ['a site address', { siteId: 's1', address: '1 Safe Street' }, 'data.address'],
      ['a postcode in capitals', { POSTCODE: 'LS1 1AA' }, 'data.POSTCODE'],
      ['coordinates', { location: { lat: 53.8, lng: -1.5 } }, 'data.location'],
      ['an exploitation site', { exploitationSite: { lat: 53.8, lng: -1.5 } }, 'data.exploitationSite'],
      ['a contact phone', { agencyId: 'a1', contactPhone: '0113 000 0000' }, 'data.contactPhone'],
      ['free-text notes', { notes: 'told us her sister is still at the farm' }, 'data.notes'],
    ])('%s', (_, data, expected) => {
      expect(findPersonalData(data)).toBe(expected);
    });
  });

  it('strips every personal key at any depth and keeps the rest', () => {
    expect(
      withoutPersonalData({ reference: 'RAV-2', givenName: 'A', needs: [{ dob: 'x', wheelchair: true }], site: { id: 's', address: 'y' } }),
    ).toEqual({ reference: 'RAV-2', needs: [{ wheelchair: true }], site: { id: 's' } });
  });

  describe('roomsFor', () => {
    it.each([
      ['an operation event in an area', { operationId: 'o1', localAuthorityCode: 'E08000035' }, ['operation:o1', 'area:E08000035']],
      ['an area-only event (a bed)', { operationId: null, localAuthorityCode: 'E08000035' }, ['area:E08000035']],
      ['an operation-only event', { operationId: 'o1', localAuthorityCode: null }, ['operation:o1']],
      ['an event with neither', { operationId: null, localAuthorityCode: null }, []],
    ])('%s', (_, row, rooms) => {
      expect(roomsFor(row)).toEqual(rooms);
    });
  });

  it('shapes a row for the wire: ISO time, optional fields only when set, personal data stripped', () => {
    const at = new Date('2025-06-10T04:12:00.123Z');
    expect(
      toLiveEvent({ seq: 42, type: 'bed.status_changed', at, operationId: null, localAuthorityCode: 'E08000035', siteId: 's1', data: { bedId: 'b1', address: 'z' } }),
    ).toEqual({ seq: 42, type: 'bed.status_changed', at: '2025-06-10T04:12:00.123Z', localAuthorityCode: 'E08000035', siteId: 's1', data: { bedId: 'b1' } });
  });
});
