// Names shared by the auth guard and the web layer (no imports, so neither depends on the other's module).
export const WEB_PREFIX = '_web';
export const WEB_KEY = 'safe-harbour:web-page';
export const PENDING_PASSWORD_KEY = 'safe-harbour:allow-pending-password';
/** httpOnly, SameSite=Strict: the access token of a signed-in browser. */
export const SESSION_COOKIE = 'sh_session';
