import { bedStatusTag, distanceBand, pounds, waitedFor } from './words';

describe('a bed as a page shows it', () => {
  it.each<[string, Parameters<typeof bedStatusTag>, string]>([
    ['an available bed of a ready site', ['available', 'ready'], 'Available'],
    ['an available bed of a void property not ready', ['available', 'not_ready'], 'Not ready'],
    ['an occupied bed of a site not ready (placed before it was unticked)', ['occupied', 'not_ready'], 'Occupied'],
    ['a bed out for cleaning', ['out_of_service', 'ready', 'cleaning'], 'Out of service: cleaning'],
    ['a closed bed', ['closed', 'ready'], 'Closed'],
  ])('%s', (_, args, text) => {
    expect(bedStatusTag(...args).text).toBe(text);
  });
});

describe('words for waits and money', () => {
  it.each<[number, string]>([
    [0, '0 min'],
    [35, '35 min'],
    [60, '1 h'],
    [125, '2 h 5 min'],
    [47 * 60 + 59, '47 h 59 min'],
    [3 * 1440 + 4 * 60, '3 days 4 h'],
    [-5, '0 min'],
  ])('waited %i minutes: %s', (minutes, words) => {
    expect(waitedFor(minutes)).toBe(words);
  });

  it.each<[number, string]>([
    [4500, '£45.00'],
    [129000, '£1,290.00'],
    [0, '£0.00'],
    [5, '£0.05'],
  ])('%i pence is %s', (pence, words) => {
    expect(pounds(pence)).toBe(words);
  });
});

describe('distance bands', () => {
  it.each<[number | null, string]>([
    [null, 'Distance not known'],
    [0.1, 'Under 5 km'],
    [4.99, 'Under 5 km'],
    [5, '5 to 20 km'],
    [19.9, '5 to 20 km'],
    [20, '20 to 50 km'],
    [50, '50 km or more'],
    [312, '50 km or more'],
  ])('%p km: %s', (km, band) => {
    expect(distanceBand(km)).toBe(band);
  });
});
