import { addDaysToCalendarDay } from './calendar-day';
import { ForecastDay, ForecastInput, ForecastPerson, ForecastSite, projectBeds } from './forecast';
import { DEFAULT_FORECAST_POLICY, ForecastPolicy, ForecastSiteType } from './forecast-policy';

const policy = DEFAULT_FORECAST_POLICY;

/** [supply, needed, arriving, freed, available, shortBy] */
type Figures = [number, number, number, number, number, number];

function figuresOf(days: ForecastDay[]): Record<string, Partial<Record<ForecastSiteType, Figures>>> {
  return Object.fromEntries(
    days.map((d) => [
      d.date,
      Object.fromEntries(d.bySiteType.map((t) => [t.siteType, [t.supply, t.needed, t.arriving, t.freed, t.available, t.shortBy]])),
    ]),
  );
}

function person(overrides: Partial<ForecastPerson> & Pick<ForecastPerson, 'stage' | 'occupying'>): ForecastPerson {
  return { stageSince: '2026-02-27', child: false, ...overrides };
}

/**
 * The reported operation, the Monday after: six potential victims identified on Friday 27 February 2026.
 * Five wait for their Reasonable Grounds decision (expected on known dates), four in a place of safety and
 * two in a void flat the council hands back on Monday 9 March; one had a negative decision on 28 February and
 * leaves at the end of move-on, 12 March. Two safe-house beds are free.
 */
const FROM = '2026-03-02';
const cohort: ForecastPerson[] = [
  person({ stage: 'awaiting_rg', occupying: 'place_of_safety', stageEnds: { awaiting_rg: '2026-03-04' } }), // P1
  person({ stage: 'awaiting_rg', occupying: 'place_of_safety', stageEnds: { awaiting_rg: '2026-03-04' } }), // P2
  person({ stage: 'awaiting_rg', occupying: 'place_of_safety', stageEnds: { awaiting_rg: '2026-03-09' } }), // P3
  person({ stage: 'awaiting_rg', occupying: 'void_property', stageEnds: { awaiting_rg: '2026-03-11' } }), // P4
  person({ stage: 'awaiting_rg', occupying: 'void_property', stageEnds: { awaiting_rg: '2026-03-11' } }), // P5
  person({ stage: 'move_on', stageSince: '2026-02-28', occupying: 'place_of_safety', stageEnds: { move_on: '2026-03-12' } }), // P6
];
const inventory: ForecastSite[] = [
  { siteType: 'place_of_safety', beds: 4 },
  { siteType: 'void_property', beds: 2, availableUntil: '2026-03-09' },
  { siteType: 'safe_house', beds: 2 },
];

describe('forecast: the six from the reported operation and a void flat handed back mid-fortnight', () => {
  const days = projectBeds({ from: FROM, people: cohort, sites: inventory }, policy);

  it('covers 14 days from the first day', () => {
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDaysToCalendarDay(FROM, i)));
  });

  it('day by day, as worked by hand', () => {
    // P1, P2: RG expected 4th → safe house from the 5th. Void flat's last night the 8th: P4, P5 move into the
    // two place-of-safety beds P1 and P2 left. P3: RG on the 9th → no safe-house bed from the 10th. P4, P5:
    // RG on the 11th → none for them either from the 12th. P6 leaves on the 13th.
    //                 place_of_safety        void_property         safe_house
    const pos = (s: number, n: number, a: number, f: number, av: number, sh: number): Figures => [s, n, a, f, av, sh];
    const expected: Record<string, [Figures, Figures, Figures]> = {
      '2026-03-02': [pos(4, 4, 0, 0, 0, 0), [2, 2, 0, 0, 0, 0], [2, 0, 0, 0, 2, 0]],
      '2026-03-03': [pos(4, 4, 0, 0, 0, 0), [2, 2, 0, 0, 0, 0], [2, 0, 0, 0, 2, 0]],
      '2026-03-04': [pos(4, 4, 0, 0, 0, 0), [2, 2, 0, 0, 0, 0], [2, 0, 0, 0, 2, 0]],
      '2026-03-05': [pos(4, 2, 0, 2, 2, 0), [2, 2, 0, 0, 0, 0], [2, 2, 2, 0, 0, 0]],
      '2026-03-06': [pos(4, 2, 0, 0, 2, 0), [2, 2, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0]],
      '2026-03-07': [pos(4, 2, 0, 0, 2, 0), [2, 2, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0]],
      '2026-03-08': [pos(4, 2, 0, 0, 2, 0), [2, 2, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0]],
      '2026-03-09': [pos(4, 4, 2, 0, 0, 0), [0, 0, 0, 2, 0, 0], [2, 2, 0, 0, 0, 0]],
      '2026-03-10': [pos(4, 3, 0, 1, 1, 0), [0, 0, 0, 0, 0, 0], [2, 3, 0, 0, 0, 1]],
      '2026-03-11': [pos(4, 3, 0, 0, 1, 0), [0, 0, 0, 0, 0, 0], [2, 3, 0, 0, 0, 1]],
      '2026-03-12': [pos(4, 1, 0, 2, 3, 0), [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
      '2026-03-13': [pos(4, 0, 0, 1, 4, 0), [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
      '2026-03-14': [pos(4, 0, 0, 0, 4, 0), [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
      '2026-03-15': [pos(4, 0, 0, 0, 4, 0), [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
    };
    expect(figuresOf(days)).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([date, [p, v, s]]) => [date, { place_of_safety: p, void_property: v, safe_house: s }]),
      ),
    );
  });

  it('flags the shortfall from the 10th, when P3’s decision is due and both safe-house beds are taken', () => {
    expect(days.filter((d) => d.shortfall).map((d) => d.date)).toEqual([
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(days.map((d) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 3, 3, 3]);
  });

  it('day totals add up the site types', () => {
    expect(days[0]).toEqual(expect.objectContaining({ supply: 8, needed: 6, shortBy: 0, shortfall: false }));
    expect(days[13]).toEqual(expect.objectContaining({ supply: 6, needed: 5, shortBy: 3, shortfall: true }));
  });

  it('two more safe-house beds from the 10th clear the shortfall until P4 and P5 move', () => {
    const more = projectBeds(
      { from: FROM, people: cohort, sites: [...inventory, { siteType: 'safe_house', beds: 2, availableFrom: '2026-03-10' }] },
      policy,
    );
    expect(more.map((d) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('an open-ended void flat: P4 and P5 stay there, no move on the 9th', () => {
    const kept = projectBeds(
      { from: FROM, people: cohort, sites: inventory.map((s) => (s.siteType === 'void_property' ? { ...s, availableUntil: null } : s)) },
      policy,
    );
    const ninth = figuresOf(kept)['2026-03-09'];
    expect(ninth.void_property).toEqual([2, 2, 0, 0, 0, 0]);
    expect(ninth.place_of_safety).toEqual([4, 2, 0, 0, 2, 0]);
    // From the 12th P4 and P5 are in their recovery period and a void flat is acceptable for it: they stay.
    expect(kept.map((d) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });
});

describe('forecast: what if 3 more people arrive on Friday 6 March', () => {
  // The council books a venue as a reception centre for two nights (6th and 7th).
  const sites: ForecastSite[] = [
    ...inventory,
    { siteType: 'reception_centre', beds: 10, availableFrom: '2026-03-06', availableUntil: '2026-03-08' },
  ];
  const days = projectBeds({ from: FROM, people: cohort, sites, surge: { count: 3, on: '2026-03-06' } }, policy);
  const figures = figuresOf(days);

  it('before the surge nothing changes', () => {
    const without = figuresOf(projectBeds({ from: FROM, people: cohort, sites }, policy));
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) expect(figures[date]).toEqual(without[date]);
  });

  it('they spend two nights at the reception centre, then take the two free place-of-safety beds; one is short', () => {
    // Encountered on the 6th (1 day expected): nights 6th–7th; pre-NRM from the 8th (7 days): nights 8th–14th.
    expect(figures['2026-03-06'].reception_centre).toEqual([10, 3, 3, 0, 7, 0]);
    expect(figures['2026-03-07'].reception_centre).toEqual([10, 3, 0, 0, 7, 0]);
    expect(figures['2026-03-08'].reception_centre).toEqual([0, 0, 0, 3, 0, 0]);
    expect(figures['2026-03-08'].place_of_safety).toEqual([4, 5, 2, 0, 0, 1]);
  });

  it('the void flat handed back on the 9th leaves P4, P5 and the third arrival without a bed', () => {
    expect(figures['2026-03-09'].place_of_safety).toEqual([4, 7, 0, 0, 0, 3]);
    expect(figures['2026-03-09'].void_property).toEqual([0, 0, 0, 2, 0, 0]);
  });

  it('the 10th: P3 leaves for a safe house that is full, P4 takes the bed P3 left', () => {
    expect(figures['2026-03-10'].place_of_safety).toEqual([4, 6, 1, 1, 0, 2]);
    expect(figures['2026-03-10'].safe_house).toEqual([2, 3, 0, 0, 0, 1]);
    expect(figures['2026-03-11'].place_of_safety).toEqual([4, 6, 0, 0, 0, 2]);
  });

  it('the 12th: P4 moves to recovery, so the third arrival gets its bed; the 13th: P6 leaves', () => {
    expect(figures['2026-03-12'].place_of_safety).toEqual([4, 4, 1, 1, 0, 0]);
    expect(figures['2026-03-12'].safe_house).toEqual([2, 5, 0, 0, 0, 3]);
    expect(figures['2026-03-13'].place_of_safety).toEqual([4, 3, 0, 1, 1, 0]);
    // The 15th they await their RG decision and stay where they are.
    expect(figures['2026-03-15'].place_of_safety).toEqual([4, 3, 0, 0, 1, 0]);
  });

  it('shortfall from the 8th instead of the 10th', () => {
    expect(days.map((d) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 1, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('a surge of children needs foster placements, never the reception centre', () => {
    const children = figuresOf(
      projectBeds(
        { from: FROM, people: [], sites: [...sites, { siteType: 'foster_placement', beds: 1 }], surge: { count: 3, on: '2026-03-06', profile: { children: 2 } } },
        policy,
      ),
    );
    expect(children['2026-03-06'].foster_placement).toEqual([1, 2, 1, 0, 0, 1]);
    expect(children['2026-03-06'].reception_centre).toEqual([10, 1, 1, 0, 9, 0]);
  });

  it('a surge starting in pre-NRM skips the reception centre', () => {
    const direct = figuresOf(projectBeds({ from: FROM, people: [], sites, surge: { count: 2, on: '2026-03-06', profile: { stage: 'pre_nrm' } } }, policy));
    expect(direct['2026-03-06'].place_of_safety).toEqual([4, 2, 2, 0, 2, 0]);
    expect(direct['2026-03-06'].reception_centre).toEqual([10, 0, 0, 0, 10, 0]);
  });

  it('a surge after the horizon changes nothing', () => {
    const late = projectBeds({ from: FROM, days: 3, people: cohort, sites, surge: { count: 50, on: '2026-03-20' } }, policy);
    expect(late).toEqual(projectBeds({ from: FROM, days: 3, people: cohort, sites }, policy));
  });
});

describe('forecast rules, one scenario each', () => {
  const from = '2026-03-02';
  const run = (input: Partial<ForecastInput>, p: ForecastPolicy = policy) =>
    figuresOf(projectBeds({ from, people: [], sites: [], ...input }, p));

  it('nobody and no beds: empty days, default 14', () => {
    const days = projectBeds({ from, people: [], sites: [] }, policy);
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ date: from, bySiteType: [], supply: 0, needed: 0, shortBy: 0, shortfall: false });
  });

  it('asked days, across the March clock change', () => {
    expect(projectBeds({ from: '2026-03-28', days: 3, people: [], sites: [] }, policy).map((d) => d.date)).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
  });

  it('someone awaiting a bed takes the first acceptable type with a free bed', () => {
    const f = run({
      people: [person({ stage: 'pre_nrm', stageSince: from, occupying: null })],
      sites: [{ siteType: 'hostel', beds: 1 }, { siteType: 'place_of_safety', beds: 1 }],
      days: 1,
    });
    expect(f[from]).toEqual({ place_of_safety: [1, 1, 1, 0, 0, 0], hostel: [1, 0, 0, 0, 1, 0] });
  });

  it('nobody is moved in the middle of a stage, even to a better type', () => {
    const f = run({
      people: [person({ stage: 'recovery_period', stageSince: '2026-02-20', occupying: 'place_of_safety', stageEnds: { recovery_period: '2026-03-03' } })],
      sites: [{ siteType: 'place_of_safety', beds: 1 }, { siteType: 'safe_house', beds: 1 }],
      days: 3,
    });
    expect(f['2026-03-03'].place_of_safety).toEqual([1, 1, 0, 0, 0, 0]);
    // Move-on from the 4th: self-contained or void only; none in the inventory.
    expect(f['2026-03-04'].place_of_safety).toEqual([1, 0, 0, 1, 1, 0]);
    expect(f['2026-03-04'].self_contained_flat).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('at a stage change, people stay where they are when that type suits the new stage', () => {
    const f = run({
      people: [person({ stage: 'recovery_period', occupying: 'void_property', stageEnds: { recovery_period: '2026-03-02' } })],
      sites: [{ siteType: 'void_property', beds: 1 }, { siteType: 'self_contained_flat', beds: 1 }],
      days: 2,
    });
    expect(f['2026-03-03']).toEqual({ void_property: [1, 1, 0, 0, 0, 0], self_contained_flat: [1, 0, 0, 0, 1, 0] });
  });

  it('the end of move-on frees the bed the day after', () => {
    const f = run({
      people: [person({ stage: 'move_on', occupying: 'self_contained_flat', stageEnds: { move_on: '2026-03-03' } })],
      sites: [{ siteType: 'self_contained_flat', beds: 1 }],
      days: 3,
    });
    expect(Object.values(f).map((d) => d.self_contained_flat)).toEqual([
      [1, 1, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 0, 0, 1, 1, 0],
    ]);
  });

  it('an overdue RG decision is assumed to come on the first day: the move is on the second', () => {
    const f = run({
      people: [person({ stage: 'awaiting_rg', occupying: 'place_of_safety', stageEnds: { awaiting_rg: '2026-02-25' } })],
      sites: [{ siteType: 'place_of_safety', beds: 1 }, { siteType: 'safe_house', beds: 1 }],
      days: 2,
    });
    expect(f['2026-03-02'].place_of_safety).toEqual([1, 1, 0, 0, 0, 0]);
    expect(f['2026-03-03']).toEqual({ place_of_safety: [1, 0, 0, 1, 1, 0], safe_house: [1, 1, 1, 0, 0, 0] });
  });

  it('with no known end, each stage lasts the policy’s expected days', () => {
    // Pre-NRM since the 2nd: ends the 9th; awaiting RG 10th–16th (keeps the place of safety); recovery from the 17th.
    const days = projectBeds(
      {
        from,
        days: 20,
        people: [person({ stage: 'pre_nrm', stageSince: from, occupying: 'place_of_safety' })],
        sites: [{ siteType: 'place_of_safety', beds: 1 }, { siteType: 'safe_house', beds: 1 }],
      },
      policy,
    );
    const moved = days.find((d) => d.bySiteType.find((t) => t.siteType === 'safe_house')!.arriving === 1);
    expect(moved?.date).toBe('2026-03-17');
  });

  it('a shorter recovery period in the policy (the statutory 30 days) moves people on sooner', () => {
    const statutory30: ForecastPolicy = { ...policy, version: 'statutory-30', expectedDays: { ...policy.expectedDays, recovery_period: 30 } };
    const input: ForecastInput = {
      from,
      days: 50,
      people: [person({ stage: 'recovery_period', stageSince: '2026-03-01', occupying: 'safe_house' })],
      sites: [{ siteType: 'safe_house', beds: 1 }, { siteType: 'self_contained_flat', beds: 1 }],
    };
    const freedOn = (p: ForecastPolicy) =>
      projectBeds(input, p).find((d) => d.bySiteType.find((t) => t.siteType === 'safe_house')!.freed === 1)?.date;
    expect(freedOn(policy)).toBe('2026-04-16'); // 1 March + 45 = 15 April, the last night
    expect(freedOn(statutory30)).toBe('2026-04-01'); // 1 March + 30 = 31 March
  });

  it('a child is only ever counted against foster placements', () => {
    const f = run({
      people: [person({ stage: 'pre_nrm', stageSince: from, occupying: null, child: true })],
      sites: [{ siteType: 'place_of_safety', beds: 5 }],
      days: 1,
    });
    expect(f[from]).toEqual({ place_of_safety: [5, 0, 0, 0, 5, 0], foster_placement: [0, 1, 0, 0, 0, 1] });
  });

  it('a missing person’s held bed is released when the 72-hour hold ends', () => {
    const f = run({
      people: [
        person({ stage: 'missing', stageSince: from, occupying: 'safe_house' }),
        person({ stage: 'missing', stageSince: from, occupying: null }),
      ],
      sites: [{ siteType: 'safe_house', beds: 1 }],
      days: 5,
    });
    expect(Object.values(f).map((d) => d.safe_house)).toEqual([
      [1, 1, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 0, 0, 1, 1, 0],
    ]);
  });

  it('a site opening later: its beds count from its first night', () => {
    const f = run({
      people: [person({ stage: 'recovery_period', stageSince: from, occupying: null })],
      sites: [{ siteType: 'safe_house', beds: 1, availableFrom: '2026-03-03' }],
      days: 2,
    });
    expect(f['2026-03-02'].safe_house).toEqual([0, 1, 0, 0, 0, 1]);
    expect(f['2026-03-03'].safe_house).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('when beds run short, those already in them keep them', () => {
    const f = run({
      people: [
        person({ stage: 'pre_nrm', stageSince: from, occupying: null }),
        person({ stage: 'pre_nrm', stageSince: from, occupying: 'place_of_safety' }),
      ],
      sites: [{ siteType: 'place_of_safety', beds: 1 }],
      days: 1,
    });
    expect(f[from].place_of_safety).toEqual([1, 2, 0, 0, 0, 1]);
  });

  it('a later stage known to end before it could begin is skipped', () => {
    // RG expected on the 3rd, but the recovery period already projected to end on the 2nd: from awaiting
    // RG straight to move-on on the 4th, never to the safe house.
    const f = run({
      people: [person({ stage: 'awaiting_rg', occupying: 'place_of_safety', stageEnds: { awaiting_rg: '2026-03-03', recovery_period: '2026-03-02' } })],
      sites: [{ siteType: 'place_of_safety', beds: 1 }, { siteType: 'self_contained_flat', beds: 1 }, { siteType: 'safe_house', beds: 1 }],
      days: 3,
    });
    expect(f['2026-03-03']).toEqual({ place_of_safety: [1, 1, 0, 0, 0, 0], self_contained_flat: [1, 0, 0, 0, 1, 0], safe_house: [1, 0, 0, 0, 1, 0] });
    expect(f['2026-03-04']).toEqual({ place_of_safety: [1, 0, 0, 1, 1, 0], self_contained_flat: [1, 1, 1, 0, 0, 0], safe_house: [1, 0, 0, 0, 1, 0] });
  });

  it('a cycle in a misconfigured policy still ends', () => {
    const looping: ForecastPolicy = { ...policy, nextStage: { ...policy.nextStage, awaiting_rg: 'pre_nrm' } };
    const days = projectBeds(
      { from, days: 60, people: [person({ stage: 'pre_nrm', stageSince: from, occupying: 'place_of_safety' })], sites: [{ siteType: 'place_of_safety', beds: 1 }] },
      looping,
    );
    expect(days.every((d) => d.needed === 1)).toBe(true);
  });
});

describe('forecast input that cannot be projected', () => {
  const from = '2026-03-02';
  const ok: ForecastInput = { from, people: [], sites: [] };
  it.each<[string, ForecastInput]>([
    ['no days', { ...ok, days: 0 }],
    ['more days than the policy allows', { ...ok, days: 91 }],
    ['part of a day', { ...ok, days: 1.5 }],
    ['a first day that is not a day', { ...ok, from: '2026-02-30' }],
    ['an unknown stage', { ...ok, people: [person({ stage: 'sleeping' as never, occupying: null })] }],
    ['an unknown site type held', { ...ok, people: [person({ stage: 'pre_nrm', occupying: 'castle' as never })] }],
    ['a stage end that is not a day', { ...ok, people: [person({ stage: 'pre_nrm', occupying: null, stageEnds: { pre_nrm: 'soon' } })] }],
    ['a stage end for an unknown stage', { ...ok, people: [person({ stage: 'pre_nrm', occupying: null, stageEnds: { limbo: '2026-03-05' } as never })] }],
    ['negative beds', { ...ok, sites: [{ siteType: 'hostel', beds: -1 }] }],
    ['an unknown site type', { ...ok, sites: [{ siteType: 'castle' as never, beds: 1 }] }],
    ['a window ending before it starts', { ...ok, sites: [{ siteType: 'hostel', beds: 1, availableFrom: '2026-03-05', availableUntil: '2026-03-05' }] }],
    ['a surge before the first day', { ...ok, surge: { count: 1, on: '2026-03-01' } }],
    ['a negative surge', { ...ok, surge: { count: -1, on: from } }],
    ['more children than people in the surge', { ...ok, surge: { count: 1, on: from, profile: { children: 2 } } }],
    ['a surge in an unknown stage', { ...ok, surge: { count: 1, on: from, profile: { stage: 'limbo' as never } } }],
  ])('refuses %s', (_scenario, input) => {
    expect(() => projectBeds(input, policy)).toThrow(RangeError);
  });

  it('refuses a policy with a stage lasting no time', () => {
    expect(() => projectBeds(ok, { ...policy, expectedDays: { ...policy.expectedDays, pre_nrm: 0 } })).toThrow(RangeError);
  });
});

// A seeded generator: the same inputs on every run.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('forecast bookkeeping holds on 200 generated situations', () => {
  const random = seeded(14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const stages = ['encountered', 'pre_nrm', 'awaiting_rg', 'recovery_period', 'move_on', 'duty_to_notify', 'missing'] as const;
  const types = ['reception_centre', 'place_of_safety', 'hostel', 'void_property', 'self_contained_flat', 'safe_house', 'foster_placement'] as const;
  const from = '2026-10-20';
  const inputs: ForecastInput[] = Array.from({ length: 200 }, () => ({
    from,
    days: 1 + Math.floor(random() * 30),
    people: Array.from({ length: Math.floor(random() * 25) }, () => ({
      stage: pick(stages),
      stageSince: addDaysToCalendarDay(from, -Math.floor(random() * 20)),
      occupying: random() < 0.2 ? null : pick(types),
      child: random() < 0.15,
      stageEnds: random() < 0.5 ? { [pick(stages)]: addDaysToCalendarDay(from, Math.floor(random() * 20) - 5) } : undefined,
    })),
    sites: Array.from({ length: Math.floor(random() * 8) }, () => ({
      siteType: pick(types),
      beds: Math.floor(random() * 6),
      availableFrom: random() < 0.3 ? addDaysToCalendarDay(from, Math.floor(random() * 10) - 3) : null,
      availableUntil: random() < 0.3 ? addDaysToCalendarDay(from, 10 + Math.floor(random() * 10)) : null,
    })),
    surge: random() < 0.3 ? { count: Math.floor(random() * 10), on: addDaysToCalendarDay(from, Math.floor(random() * 10)), profile: { children: 0 } } : null,
  }));

  it.each(inputs.map((input, i) => [i, input] as const))('situation %i', (_i, input) => {
    const days = projectBeds(input, policy);
    expect(days).toHaveLength(input.days!);
    // Collected rather than asserted one by one: one readable list of what broke, and fast.
    const broken: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) broken.push(what);
    };
    const width = days[0].bySiteType.length;
    days.forEach((day, d) => {
      check(day.bySiteType.length === width, `${day.date}: same site types every day`);
      for (const t of day.bySiteType) {
        const at = `${day.date} ${t.siteType}`;
        const placed = t.needed - t.shortBy;
        check(placed >= 0, `${at}: placed ≥ 0`);
        check(t.available === t.supply - placed, `${at}: available = supply - placed`);
        check(t.available >= 0, `${at}: available ≥ 0`);
        check(t.shortfall === t.shortBy > 0, `${at}: shortfall flag`);
        // Nobody is short of a type that still has a free bed.
        check(t.shortBy === 0 || t.available === 0, `${at}: short while beds are free`);
        if (d > 0) {
          const before = days[d - 1].bySiteType.find((x) => x.siteType === t.siteType)!;
          check(placed - (before.needed - before.shortBy) === t.arriving - t.freed, `${at}: arrivals - departures`);
        }
      }
      check(day.shortfall === day.bySiteType.some((t) => t.shortfall), `${day.date}: day flag`);
    });
    expect(broken).toEqual([]);
    // Deterministic: the same input gives the same forecast.
    expect(projectBeds(input, policy)).toEqual(days);
});
});
