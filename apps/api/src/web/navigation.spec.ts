import { AuthUser } from '../auth/roles';
import { navigationFor, startPageFor } from './navigation';

const user = (...roles: string[]) => ({ id: 'u', email: 'e', organisationId: 'o', roles }) as unknown as AuthUser;

describe('start page by role', () => {
  it.each([
    [['emergency_planner'], { kind: 'page', href: '/operations' }],
    [['reception_officer'], { kind: 'operation', page: 'desk' }],
    [['housing_officer'], { kind: 'page', href: '/sites' }],
    [['operation_lead'], { kind: 'operation', page: 'live' }],
    [['admin'], { kind: 'page', href: '/admin/users' }],
    [['case_worker'], { kind: 'page', href: '/worklist' }],
    [['partner'], { kind: 'page', href: '/operations' }],
    [['housing_officer', 'emergency_planner'], { kind: 'page', href: '/operations' }],
  ])('%j starts at %j', (roles, expected) => {
    expect(startPageFor(user(...roles))).toEqual(expected);
  });
});

describe('service navigation', () => {
  it('shows a planner operations only, marked current on an operation page', () => {
    expect(navigationFor(user('emergency_planner'), '/operations/123/agencies')).toEqual([{ text: 'Operations', href: '/operations', active: true }]);
  });

  it('shows a housing officer accommodation and the worklist', () => {
    expect(navigationFor(user('housing_officer'), '/sites').map((i) => [i.text, i.active])).toEqual([
      ['Accommodation', true],
      ['Worklist', false],
    ]);
  });

  it('shows nobody signed in nothing', () => {
    expect(navigationFor(undefined, '/')).toEqual([]);
  });
});
