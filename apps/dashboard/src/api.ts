// Thin client for the public API. The token lives in sessionStorage: closing the tab signs out.
const TOKEN_KEY = 'safe-harbour.token';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
  /** Set by the web application when it serves this page (a meta tag): its session can lend a token. */
  get webCsrfToken(): string | null {
    return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? null;
  },
  async fromWebSession(): Promise<string | null> {
    const csrf = this.webCsrfToken;
    if (!csrf) return null;
    const res = await fetch('/account/token', { headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return null;
    const { accessToken } = (await res.json()) as { accessToken?: string };
    if (accessToken) this.set(accessToken);
    return accessToken ?? null;
  },
};

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (session.token) headers.set('Authorization', `Bearer ${session.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const res = await fetch(`/api/v1${path}`, { ...init, headers });
  if (res.status === 401) session.clear();
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const message = typeof body === 'object' && body ? [body.message].flat().join('; ') : String(body);
    throw new ApiError(res.status, message || res.statusText);
  }
  return body as T;
}

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; roles: string[]; organisationId: string };
}

export const login = (email: string, password: string) =>
  api<LoginResult>('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
