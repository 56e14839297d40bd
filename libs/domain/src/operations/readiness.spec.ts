import { assessReadiness } from './readiness';

// The reported venue: interview rooms, a communal area, a sleeping area, toilets, showers, a staff room.
const REPORTED_VENUE = { rooms: { interview: 3, abe_suite: 1, communal: 1, dormitory: 2, welfare: 2, staff: 1 }, usableBeds: 20 };

describe('reception centre readiness', () => {
  it('the reported venue is ready for up to 20 people', () => {
    const readiness = assessReadiness(20, REPORTED_VENUE);
    expect(readiness.ready).toBe(true);
    expect(readiness.items.map((i) => [i.item, i.needed, i.available])).toEqual([
      ['interview_rooms', 4, 4],
      ['sleeping_capacity', 20, 20],
      ['communal_area', 1, 1],
      ['toilets_showers', 1, 2],
      ['staff_room', 1, 1],
    ]);
  });

  it('21 expected people need a fifth interview room and a 21st bed', () => {
    const readiness = assessReadiness(21, REPORTED_VENUE);
    expect(readiness.ready).toBe(false);
    expect(readiness.items.filter((i) => !i.ok).map((i) => i.item)).toEqual(['interview_rooms', 'sleeping_capacity']);
  });

  it('an empty venue lacks everything', () => {
    const readiness = assessReadiness(5, { rooms: {}, usableBeds: 0 });
    expect(readiness.ready).toBe(false);
    expect(readiness.items.every((i) => !i.ok)).toBe(true);
  });

  it('even a plan for nobody needs one interview room', () => {
    expect(assessReadiness(0, { rooms: {}, usableBeds: 0 }).items[0]).toMatchObject({ item: 'interview_rooms', needed: 1, ok: false });
  });

  it.each([
    [1, 1],
    [5, 1],
    [6, 2],
    [200, 40],
  ])('%i expected people need %i interview rooms', (people, rooms) => {
    expect(assessReadiness(people, REPORTED_VENUE).items[0].needed).toBe(rooms);
  });

  it('the interview-room ratio is policy', () => {
    expect(assessReadiness(20, REPORTED_VENUE, { peoplePerInterviewRoom: 10 }).items[0].needed).toBe(2);
  });

  it('every line explains its rule', () => {
    expect(assessReadiness(3, REPORTED_VENUE).items.every((i) => i.explanation.length > 10)).toBe(true);
  });
});
