import { BedState, decideBedStatusChange } from './bed-status';

const bed = (status: BedState['status'], outOfServiceReason: BedState['outOfServiceReason'] = null): BedState => ({
  status,
  outOfServiceReason,
});

describe('decideBedStatusChange', () => {
  it.each<[string, BedState, { status: string; reason?: string | null }, BedState]>([
    ['an available bed goes out of service for cleaning', bed('available'), { status: 'out_of_service', reason: 'cleaning' }, bed('out_of_service', 'cleaning')],
    ['a cleaned bed comes back', bed('out_of_service', 'cleaning'), { status: 'available' }, bed('available')],
    ['a bed found damaged while being cleaned', bed('out_of_service', 'cleaning'), { status: 'out_of_service', reason: 'damaged' }, bed('out_of_service', 'damaged')],
    ['an available bed is closed', bed('available'), { status: 'closed' }, bed('closed')],
    ['a closed bed reopens', bed('closed'), { status: 'available', reason: null }, bed('available')],
    ['a closed bed goes in for repair', bed('closed'), { status: 'out_of_service', reason: 'repair' }, bed('out_of_service', 'repair')],
    ['a bed out of service is closed', bed('out_of_service', 'other'), { status: 'closed' }, bed('closed')],
  ])('%s', (_, current, request, expected) => {
    expect(decideBedStatusChange(current, request)).toEqual({ outcome: 'change', from: current, to: expected });
  });

  it.each<[string, BedState, { status: string; reason?: string | null }]>([
    ['closing a closed bed', bed('closed'), { status: 'closed' }],
    ['the same reason again', bed('out_of_service', 'repair'), { status: 'out_of_service', reason: 'repair' }],
    ['available again', bed('available'), { status: 'available' }],
  ])('leaves the bed alone on %s', (_, current, request) => {
    expect(decideBedStatusChange(current, request)).toEqual({ outcome: 'unchanged', state: current });
  });

  it.each<[string, BedState, { status: string; reason?: string | null }, string]>([
    ['reserving by hand', bed('available'), { status: 'reserved' }, 'STATUS_SET_BY_PLACEMENT'],
    ['occupying by hand', bed('available'), { status: 'occupied' }, 'STATUS_SET_BY_PLACEMENT'],
    ['occupying a reserved bed by hand', bed('reserved'), { status: 'occupied' }, 'STATUS_SET_BY_PLACEMENT'],
    ['an unknown status', bed('available'), { status: 'broken' }, 'UNKNOWN_STATUS'],
    ['out of service without a reason', bed('available'), { status: 'out_of_service' }, 'REASON_REQUIRED'],
    ['out of service with a null reason', bed('available'), { status: 'out_of_service', reason: null }, 'REASON_REQUIRED'],
    ['out of service for "bedbugs"', bed('available'), { status: 'out_of_service', reason: 'bedbugs' }, 'UNKNOWN_REASON'],
    ['closing with a reason', bed('available'), { status: 'closed', reason: 'repair' }, 'REASON_NOT_ALLOWED'],
    ['reopening with a reason', bed('closed'), { status: 'available', reason: 'cleaning' }, 'REASON_NOT_ALLOWED'],
  ])('refuses %s as invalid input', (_, current, request, code) => {
    expect(decideBedStatusChange(current, request)).toMatchObject({ outcome: 'invalid', code });
  });

  it.each<[string, BedState, { status: string; reason?: string | null }]>([
    ['closing an occupied bed', bed('occupied'), { status: 'closed' }],
    ['putting an occupied bed out of service', bed('occupied'), { status: 'out_of_service', reason: 'cleaning' }],
    ['closing a reserved bed', bed('reserved'), { status: 'closed' }],
    ['putting a reserved bed out of service', bed('reserved'), { status: 'out_of_service', reason: 'repair' }],
    ['freeing an occupied bed by hand', bed('occupied'), { status: 'available' }],
  ])('refuses %s: someone is placed in it (BED_IN_USE)', (_, current, request) => {
    expect(decideBedStatusChange(current, request)).toMatchObject({ outcome: 'conflict', code: 'BED_IN_USE' });
  });
});
