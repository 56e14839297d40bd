import { READINESS_ITEMS, ReadinessItemName, readinessOf } from './readiness';

const all = READINESS_ITEMS.map((i) => i.item);

describe('readinessOf', () => {
  it.each<[string, string, ReadinessItemName[], string]>([
    ['a void property with nothing done', 'void_property', [], 'not_ready'],
    ['a void property with utilities and furniture only', 'void_property', ['utilities_on', 'furnished'], 'not_ready'],
    ['a void property waiting for its keys', 'void_property', ['utilities_on', 'furnished', 'safety_checked'], 'not_ready'],
    ['a void property with everything done', 'void_property', all, 'ready'],
    ['a hostel (no checklist)', 'hostel', [], 'ready'],
    ['a booked reception centre', 'reception_centre', [], 'ready'],
  ])('%s is %s', (_, type, done, expected) => {
    expect(readinessOf(type, new Set(done))).toBe(expected);
  });
});
