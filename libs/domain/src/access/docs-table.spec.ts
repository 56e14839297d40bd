import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessRole, CAPABILITIES, CAPABILITY_TABLE, OperationPart } from './capabilities';

/** docs/access.md prints the capability table; this keeps the page and the data the same. */
describe('docs/access.md part x role table', () => {
  it('lists exactly the grants of CAPABILITY_TABLE', () => {
    const page = readFileSync(join(__dirname, '../../../../docs/access.md'), 'utf8');
    const header = page.split('\n').find((l) => l.startsWith('| part | role |'))!;
    const columns = header.split('|').map((c) => c.trim()).filter(Boolean).slice(2);
    expect(columns).toEqual([...CAPABILITIES]);
    const rows = page
      .split('\n')
      .filter((l) => /^\| (lead|host|agency|data_sharing) \| [a-z_]+ \|/.test(l))
      .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    const documented = Object.fromEntries(rows.map(([part, role, ...marks]) => [`${part}/${role}`, columns.filter((_, i) => marks[i] === '✓')]));
    const expected: Record<string, string[]> = {};
    for (const [part, grants] of Object.entries(CAPABILITY_TABLE) as Array<[OperationPart, Partial<Record<AccessRole, readonly string[]>>]>) {
      for (const [role, caps] of Object.entries(grants)) expected[`${part}/${role}`] = CAPABILITIES.filter((c) => caps!.includes(c));
    }
    expect(documented).toEqual(expected);
  });
});
