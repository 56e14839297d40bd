import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session } from './api';
import { LoginForm } from './login';
import { Picture } from './picture';
import { ScopePicker } from './scope-picker';
import type { Scope } from './live';
import './styles.css';

function scopeFromUrl(): Scope | null {
  // The web application serves this picture at /operations/:id/live (its page in the service's navigation).
  const path = /^\/operations\/([0-9a-f-]{36})\/live\/?$/i.exec(location.pathname);
  if (path) return { operationId: path[1] };
  const params = new URLSearchParams(location.search);
  const operationId = params.get('operation');
  const area = params.get('area');
  if (operationId) return { operationId };
  if (area) return { localAuthorityCode: area };
  return null;
}

function App() {
  const [token, setToken] = useState(session.token);
  const [scope, setScope] = useState<Scope | null>(scopeFromUrl());

  // Signed in to the web application: borrow its session's token (same origin, with its CSRF token).
  useEffect(() => {
    if (!token) session.fromWebSession().then((t) => t && setToken(t));
  }, []);

  const choose = (next: Scope | null) => {
    const params = new URLSearchParams();
    if (next && 'operationId' in next) params.set('operation', next.operationId);
    if (next && 'localAuthorityCode' in next) params.set('area', next.localAuthorityCode);
    history.pushState(null, '', params.size ? `/?${params}` : '/');
    setScope(next);
  };
  const signOut = () => {
    session.clear();
    setToken(null);
    if (session.webCsrfToken) location.assign('/sign-out');
  };

  return (
    <>
      <header class="top">
        <h1>
          <a href="/" onClick={(e) => { e.preventDefault(); choose(null); }}>Safe Harbour</a>
        </h1>
        {token && <button class="link" onClick={signOut}>Sign out</button>}
      </header>
      <main>
        {!token && <LoginForm onSignedIn={(t) => { session.set(t); setToken(t); }} />}
        {token && !scope && <ScopePicker onChoose={choose} />}
        {token && scope && <Picture token={token} scope={scope} onUnauthorised={signOut} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
