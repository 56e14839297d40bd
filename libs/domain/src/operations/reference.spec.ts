import { formatPersonReference, isOperationCode, operationCodeCandidates, parsePersonReference } from './reference';

describe('person references', () => {
  it.each([
    ['RAV', 1, 'RAV-001'],
    ['RAV', 7, 'RAV-007'],
    ['RAV', 11, 'RAV-011'],
    ['RAV', 999, 'RAV-999'],
    ['RAV', 1000, 'RAV-1000'],
    ['FLOWER', 200, 'FLOWER-200'],
  ])('%s number %i is %s', (code, seq, reference) => {
    expect(formatPersonReference(code, seq)).toBe(reference);
    expect(parsePersonReference(reference)).toEqual({ operationCode: code, seq });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses number %p', (seq) => {
    expect(() => formatPersonReference('RAV', seq)).toThrow(RangeError);
  });

  it.each(['rav', 'RA', 'RAVENSX', 'R4V', ''])('refuses operation code %p', (code) => {
    expect(isOperationCode(code)).toBe(false);
    expect(() => formatPersonReference(code, 1)).toThrow(RangeError);
  });

  it.each(['RAV', 'ABCDEF'])('accepts operation code %p', (code) => expect(isOperationCode(code)).toBe(true));

  it.each(['RAV-7', 'RAV-000', 'rav-001', 'RAV001', 'RAV-001-2', 'RA-001'])('does not parse %p as a reference', (text) => {
    expect(parsePersonReference(text)).toBeNull();
  });
});

describe('operation code candidates', () => {
  it.each([
    ['Operation Raven', ['RAV', 'RAVE', 'RAVEN']],
    ['Op Flower Field', ['FLO', 'FLOW', 'FLOWE', 'FLOWER']],
    ['Raven', ['RAV', 'RAVE', 'RAVEN']],
    ['Opération Été', ['ETE']],
  ])('%p starts with %p', (name, first) => {
    expect(operationCodeCandidates(name).slice(0, first.length)).toEqual(first);
  });

  it('offers the initials of a several-word name', () => {
    expect(operationCodeCandidates('Op Flower Field Harvest')).toContain('FFH');
  });

  it('pads a name too short to give three letters', () => {
    expect(operationCodeCandidates('Operation Ox')[0]).toBe('OXX');
  });

  it('falls back to the filler words when nothing else is left', () => {
    expect(operationCodeCandidates('Operation')[0]).toBe('OPE');
  });

  it('pads a name of digits and symbols only', () => {
    expect(operationCodeCandidates('2024 / 7')[0]).toBe('XXX');
  });

  it('always offers hundreds of valid, distinct codes so a free one is found', () => {
    const candidates = operationCodeCandidates('Operation Raven');
    expect(candidates.length).toBeGreaterThan(600);
    expect(new Set(candidates).size).toBe(candidates.length);
    expect(candidates.every(isOperationCode)).toBe(true);
  });
});
