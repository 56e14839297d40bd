import { checkPassword } from './password-policy';

describe('the password policy', () => {
  it.each([
    ['a four-word passphrase', 'correct horse battery staple'],
    ['a long random string', 'v9#Lq2!xTz7@Wm4e'],
    ['a sentence', 'Our bus to Harrogate leaves at ten'],
  ])('accepts %s', (_, password) => expect(checkPassword(password)).toEqual({ ok: true }));

  it.each([
    ['too short', 'k9#Lq2!x', /at least 12/],
    ['too long', 'x'.repeat(201), /at most 200/],
    ['on the breached list', 'iloveyou1234', /common passwords|too easy/],
    ['a breached favourite with digits', 'Password1234', /commonly used|too easy/],
    ['a keyboard walk', 'qwertyuiop12', /too easy/],
    ['a season and year', 'Summer2024!!', /too easy/],
    ['a repeat', 'abcabcabcabc', /too easy/],
    ['twelve spaces', '            ', /too easy/],
  ])('refuses a password %s', (_, password, reason) => {
    const check = checkPassword(password);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reasons.join(' ')).toMatch(reason);
  });

  it.each([
    ['their email name', 'j.okafor@leeds.gov.uk', 'okafor lantern meadow'],
    ['their own name', 'Gwendolyn Fairweather', 'Gwendolyn Fairweather 1'],
  ])('refuses %s in the password', (_, input, password) => {
    const check = checkPassword(password, [input]);
    expect(!check.ok && check.reasons[0]).toBe('Do not use your name or email address in your password');
  });
});
