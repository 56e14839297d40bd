import argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, t=3): memory-hard, per OWASP's password storage guidance.
// The `fast` profile (1 MiB, t=1) exists only so that a test run does not spend most of its time hashing
// the passwords of the users each test creates; the config refuses it in production. A hash records its own
// parameters, so either profile verifies the other's hashes.
const PROFILES = {
  standard: { type: argon2.argon2id },
  fast: { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;
export type PasswordHashProfile = keyof typeof PROFILES;

let profile: PasswordHashProfile = 'standard';

/** Set once at start from the validated config (PASSWORD_HASH_PROFILE). */
export function usePasswordHashProfile(next: PasswordHashProfile): void {
  profile = next;
}

export const hashPassword = (password: string) => argon2.hash(password, PROFILES[profile]);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
