import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { Charts } from './charts';
import { connectLive, LiveStatus, Scope } from './live';
import { OperationSummary, Occupancy, SiteOccupancy, BED_STATES, minutesSince, formatWait } from './model';

/**
 * The live picture of an operation or an area. Snapshots come from the API; live events only tell us
 * that something changed, so we refetch (debounced) rather than patching state by hand: the server
 * stays the single source of truth and a missed detail can never drift the numbers.
 */
export function Picture({ token, scope, onUnauthorised }: { token: string; scope: Scope; onUnauthorised(): void }) {
  const [summary, setSummary] = useState<OperationSummary | null>(null);
  const [occupancy, setOccupancy] = useState<Occupancy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveStatus>({ connected: false, lastEventAt: null, lastSeq: 0 });
  const [, tick] = useState(0);
  const pending = useRef<number | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const query = 'operationId' in scope ? `operationId=${scope.operationId}` : `localAuthorityCode=${scope.localAuthorityCode}`;
      const [occ, sum] = await Promise.all([
        api<Occupancy>(`/occupancy?${query}`),
        'operationId' in scope ? api<OperationSummary>(`/operations/${scope.operationId}/summary`) : Promise.resolve(null),
      ]);
      setOccupancy(occ);
      setSummary(sum);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorised();
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [scope]);

  const refreshSoon = useCallback(() => {
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(refresh, 150);
  }, [refresh]);

  useEffect(() => {
    refresh();
    const disconnect = connectLive(token, scope, { onEvent: refreshSoon, onStatus: setLive, onResync: refresh });
    // Waiting times and the "last event" clock move on even when nothing happens.
    const clock = window.setInterval(() => tick((n) => n + 1), 30_000);
    return () => {
      disconnect();
      window.clearInterval(clock);
      window.clearTimeout(pending.current);
    };
  }, [token, scope]);

  const title = summary?.name ?? ('localAuthorityCode' in scope ? `Area ${scope.localAuthorityCode}` : 'Operation');
  return (
    <div class="picture">
      <div class="picture-head">
        <h2>{title}</h2>
        <LiveIndicator status={live} />
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {summary && <Funnel summary={summary} />}
      <div class="grid">
        {summary && <Waiting summary={summary} />}
        {summary && <Deadlines summary={summary} />}
        {summary && <Missing summary={summary} />}
        {summary && <Agencies summary={summary} />}
        {summary && summary.stillInCentre.length > 0 && <InCentre summary={summary} />}
      </div>
      {occupancy && <Sites occupancy={occupancy} />}
      <Charts scope={scope} />
    </div>
  );
}

function LiveIndicator({ status }: { status: LiveStatus }) {
  const label = status.connected ? 'Live' : 'Reconnecting…';
  return (
    <p class={`live ${status.connected ? 'live-on' : 'live-off'}`} role="status" aria-live="polite" data-testid="live-indicator">
      <span class="dot" aria-hidden="true" /> {label}
      <span class="muted">
        {status.lastEventAt ? ` · last event ${status.lastEventAt.toLocaleTimeString('en-GB')}` : ' · no events yet'}
      </span>
    </p>
  );
}

function Funnel({ summary }: { summary: OperationSummary }) {
  const steps: Array<[string, number]> = [
    ['Registered', summary.funnel.registered],
    ['Triaged', summary.funnel.triaged],
    ['Potential victims', summary.funnel.potentialVictims],
    ['Placed', summary.funnel.placed],
    ['Referred / notified', summary.funnel.referredOrNotified],
    ['RG decided', summary.funnel.rgDecided],
  ];
  const top = Math.max(1, steps[0][1]);
  return (
    <section class="card" aria-labelledby="funnel-title">
      <h3 id="funnel-title">Operation funnel</h3>
      <ol class="funnel">
        {steps.map(([label, n]) => (
          <li key={label} data-testid={`funnel-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
            <span class="big">{n}</span>
            <span class="label">{label}</span>
            <span class="bar" style={{ width: `${(100 * n) / top}%` }} aria-hidden="true" />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Waiting({ summary }: { summary: OperationSummary }) {
  return (
    <section class="card" aria-labelledby="waiting-title">
      <h3 id="waiting-title">Waiting for a bed <span class="count" data-testid="waiting-count">{summary.awaitingBed.count}</span></h3>
      {summary.awaitingBed.count === 0 ? <p class="muted">Nobody is waiting.</p> : (
        <table>
          <thead><tr><th>Person</th><th>Waiting</th></tr></thead>
          <tbody>
            {summary.awaitingBed.people.map((p) => {
              const minutes = minutesSince(p.since);
              return (
                <tr key={p.reference} class={minutes > 120 ? 'warn' : ''}>
                  <td>{p.reference}</td>
                  <td>{formatWait(minutes)}{minutes > 120 && <span class="tag">over 2 h</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Deadlines({ summary }: { summary: OperationSummary }) {
  const soon = summary.nextDeadlines;
  return (
    <section class="card" aria-labelledby="deadlines-title">
      <h3 id="deadlines-title">Deadlines (overdue and next 72 h) <span class="count">{soon.length}</span></h3>
      {soon.length === 0 ? <p class="muted">Nothing due in the next 72 hours.</p> : (
        <table>
          <thead><tr><th>Person</th><th>What</th><th>Due</th><th>State</th></tr></thead>
          <tbody>
            {soon.map((d) => (
              <tr key={`${d.reference}-${d.kind}`} class={d.state === 'overdue' ? 'bad' : d.state === 'due_soon' ? 'warn' : ''}>
                <td>{d.reference}</td>
                <td>{d.kind.replace(/_/g, ' ')}</td>
                <td>{new Date(d.dueAt).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}</td>
                <td><span class={`tag tag-${d.state}`}>{d.state.replace('_', ' ')}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Missing({ summary }: { summary: OperationSummary }) {
  return (
    <section class="card" aria-labelledby="missing-title">
      <h3 id="missing-title">Missing <span class={`count ${summary.missingPeople.length ? 'count-bad' : ''}`}>{summary.missingPeople.length}</span></h3>
      {summary.missingPeople.length === 0 ? <p class="muted">Nobody is missing.</p> : (
        <ul>
          {summary.missingPeople.map((m) => (
            <li key={m.reference}>
              <strong>{m.reference}</strong> reported {formatWait(minutesSince(m.reportedAt))} ago
              {m.bedHoldEndsAt && <span class="muted"> · bed held until {new Date(m.bedHoldEndsAt).toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Agencies({ summary }: { summary: OperationSummary }) {
  const present = summary.agencyRoster.filter((a) => a.attendance === 'present');
  const onCall = summary.agencyRoster.filter((a) => a.attendance === 'on_call');
  return (
    <section class="card" aria-labelledby="agencies-title">
      <h3 id="agencies-title">Agencies</h3>
      <h4>Present <span class="count">{present.length}</span></h4>
      <ul>{present.map((a) => <li key={a.organisationId}>{a.name}{a.contactName && <span class="muted"> · {a.contactName}</span>}</li>)}</ul>
      <h4>On call <span class="count">{onCall.length}</span></h4>
      <ul>{onCall.map((a) => <li key={a.organisationId}>{a.name}{a.contactPhone && <span class="muted"> · {a.contactName} {a.contactPhone}</span>}</li>)}</ul>
    </section>
  );
}

function InCentre({ summary }: { summary: OperationSummary }) {
  const late = summary.stillInCentre.filter((p) => p.pastCentreWindow).length;
  return (
    <section class="card" aria-labelledby="centre-title">
      <h3 id="centre-title">In the reception centre's beds <span class={`count ${late ? 'count-bad' : ''}`}>{summary.stillInCentre.length}</span></h3>
      {late > 0 && <p class="error" role="alert">{late} still here after the centre's booking ended</p>}
      <table>
        <thead><tr><th>Person</th><th>Bed</th><th>Centre booked until</th></tr></thead>
        <tbody>
          {summary.stillInCentre.map((p) => (
            <tr key={p.reference} class={p.pastCentreWindow ? 'bad' : ''}>
              <td>{p.reference}</td><td>{p.bedLabel}</td>
              <td>{new Date(p.centreClosesAt).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}{p.pastCentreWindow && <span class="tag tag-overdue">past</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Sites({ occupancy }: { occupancy: Occupancy }) {
  return (
    <section class="card" aria-labelledby="sites-title">
      <h3 id="sites-title">Sites and beds</h3>
      <ul class="legend" aria-label="Bed states">
        {BED_STATES.map((s) => <li key={s.key}><span class={`swatch bed-${s.key}`} aria-hidden="true" />{s.label}</li>)}
      </ul>
      <ul class="sites">
        {occupancy.sites.map((site) => <SiteRow key={site.siteId} site={site} />)}
      </ul>
    </section>
  );
}

function SiteRow({ site }: { site: SiteOccupancy }) {
  const total = Math.max(1, site.total);
  return (
    <li class="site" data-testid={`site-${site.siteId}`}>
      <div class="site-head">
        <strong>{site.name}</strong> <span class="muted">{site.type.replace(/_/g, ' ')}</span>
        {site.readiness === 'not_ready' && <span class="tag-not-ready" data-testid="site-not-ready">not ready</span>}
        <span class="big" data-testid="site-available">{site.counts.available}</span> <span class="muted">available of {site.total}</span>
      </div>
      <div class="beds" role="img" aria-label={BED_STATES.map((s) => `${site.counts[s.key] ?? 0} ${s.label}`).join(', ')}>
        {BED_STATES.map((s) => (site.counts[s.key] ?? 0) > 0 && (
          <span key={s.key} class={`seg bed-${s.key}`} style={{ width: `${(100 * site.counts[s.key]) / total}%` }}>
            {site.counts[s.key]} {s.short}
          </span>
        ))}
      </div>
    </li>
  );
}
