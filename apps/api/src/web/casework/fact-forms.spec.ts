import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { factForm, formInput, londonInputToInstant } from './fact-forms';

describe('fact forms: what the browser sends, as the API takes it', () => {
  it.each([
    ['a winter afternoon (GMT)', '2026-12-01T14:05', '2026-12-01T14:05:00.000Z'],
    ['a summer afternoon (BST)', '2026-07-01T14:05', '2026-07-01T13:05:00.000Z'],
    ['just after the clocks went forward', '2026-03-29T03:30', '2026-03-29T02:30:00.000Z'],
    ['a date that does not exist is passed on for the API to refuse', '2026-02-31T10:00', '2026-02-31T10:00'],
    ['words are passed on for the API to refuse', 'yesterday', 'yesterday'],
  ])('%s: %s -> %s', (_name, input, expected) => {
    expect(londonInputToInstant(input)).toBe(expected);
  });

  it('a blank time is left out, so the API says it is required', () => {
    expect(londonInputToInstant('  ')).toBeUndefined();
  });

  it('a referral form becomes the API body: consent as a boolean, the time as an instant', async () => {
    const form = factForm('referral')!;
    const input = formInput(form, { kind: 'nrm', consent: 'true', submittedAt: '2026-12-01T09:00', firstResponderOrganisationId: '6f1c1d0e-8d0a-4a5e-9a8e-1e2d3c4b5a69', extra: 'x' });
    expect(input).toEqual({ kind: 'nrm', consent: true, submittedAt: '2026-12-01T09:00:00.000Z', firstResponderOrganisationId: '6f1c1d0e-8d0a-4a5e-9a8e-1e2d3c4b5a69' });
    expect(await validate(plainToInstance(form.dto, input))).toEqual([]);
  });

  it('a time left as the form offered it is now, to the second; a time the person changed is theirs', () => {
    const form = factForm('missing')!;
    const now = new Date('2026-12-01T09:30:41.250Z');
    expect(formInput(form, { reportedAt: '2026-12-01T09:30', reportedAt__rendered: '2026-12-01T09:30' }, now)).toEqual({ reportedAt: '2026-12-01T09:30:41.250Z' });
    expect(formInput(form, { reportedAt: '2026-12-01T08:15', reportedAt__rendered: '2026-12-01T09:30' }, now)).toEqual({ reportedAt: '2026-12-01T08:15:00.000Z' });
  });

  it('an empty decision form fails on every field the API requires', async () => {
    const form = factForm('decision')!;
    const failures = await validate(plainToInstance(form.dto, formInput(form, {})));
    expect(failures.map((f) => f.property).sort()).toEqual(['decidedAt', 'kind', 'outcome']);
    expect(Object.keys(form.messages).sort()).toEqual(['decidedAt', 'kind', 'outcome']);
  });
});
