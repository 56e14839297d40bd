import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { Scope } from './live';

interface OperationRow {
  id: string;
  name: string;
  code?: string;
  status: string;
  localAuthorityCode: string;
}

export function ScopePicker({ onChoose }: { onChoose(scope: Scope): void }) {
  const [operations, setOperations] = useState<OperationRow[] | null>(null);
  const [area, setArea] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: OperationRow[] } | OperationRow[]>('/operations?limit=100')
      .then((res) => setOperations(Array.isArray(res) ? res : res.items))
      .catch((err) => setError(err.message));
  }, []);

  return (
    <section class="card">
      <h2>Choose what to watch</h2>
      {error && <p class="error" role="alert">{error}</p>}
      <h3>Operations</h3>
      {operations === null && !error && <p>Loading…</p>}
      {operations?.length === 0 && <p>No operations you can see yet.</p>}
      <ul class="choices">
        {operations?.map((op) => (
          <li key={op.id}>
            <button onClick={() => onChoose({ operationId: op.id })}>
              <strong>{op.name}</strong> <span class={`status status-${op.status}`}>{op.status.replace('_', ' ')}</span>
              {op.code && <span class="muted"> {op.code}</span>}
            </button>
          </li>
        ))}
      </ul>
      <h3>Or a local authority area</h3>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (area) onChoose({ localAuthorityCode: area.trim().toUpperCase() }); }}>
        <label>
          Area code <input name="area" placeholder="E08000035" pattern="[A-Za-z][0-9]{8}" value={area}
            onInput={(e) => setArea(e.currentTarget.value)} />
        </label>
        <button type="submit">Watch area</button>
      </form>
    </section>
  );
}
