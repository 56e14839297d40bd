import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JWT_SECRET_FILE, resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sh-jwt-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the configured secret and writes nothing', () => {
    expect(resolveJwtSecret('x'.repeat(40), join(dir, 'data'))).toBe('x'.repeat(40));
    expect(() => statSync(join(dir, 'data', JWT_SECRET_FILE))).toThrow();
  });

  it('keeps a generated secret across restarts, readable by its owner only', () => {
    const first = resolveJwtSecret(undefined, join(dir, 'data'));
    const second = resolveJwtSecret(undefined, join(dir, 'data'));
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(statSync(join(dir, 'data', JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('replaces a kept secret that is too short to be safe', () => {
    writeFileSync(join(dir, JWT_SECRET_FILE), 'short\n');
    const secret = resolveJwtSecret(undefined, dir);
    expect(secret).toHaveLength(64);
    expect(readFileSync(join(dir, JWT_SECRET_FILE), 'utf8').trim()).toBe(secret);
  });
});
