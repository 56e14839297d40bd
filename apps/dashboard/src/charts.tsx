import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import type { Scope } from './live';
import './charts.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

// ---- the snapshots the charts read (GET /reports/funnel-history, /reports/occupancy-history, /forecast) ----

interface FunnelDay {
  date: string;
  registered: number;
  triaged: number;
  potentialVictims: number;
  placed: number;
  referredOrNotified: number;
  rgDecided: number;
  cgDecided: number;
  exited: number;
}

interface FunnelHistory {
  operation: { id: string; code: string; name: string; localAuthorityCode: string };
  days: FunnelDay[];
}

interface OccupancyHistory {
  siteTypes: string[];
  days: Array<{ date: string; inService: number; occupied: number; bySiteType: Array<{ siteType: string; inService: number; occupied: number }> }>;
}

interface ForecastDay {
  date: string;
  supply: number;
  needed: number;
  shortBy: number;
  shortfall: boolean;
  bySiteType: Array<{ siteType: string; supply: number; needed: number; shortBy: number }>;
}

interface Forecast {
  from: string;
  days: number;
  people: number;
  policyVersion: string;
  surge: { count: number; on: string; children: number } | null;
  shortfallDays: string[];
  forecast: ForecastDay[];
}

// ---- presentation helpers ----

/** GOV.UK-like palette; every series also differs by dash pattern or point shape, never by colour alone. */
const COLOURS = ['#1d70b8', '#00703c', '#d4351c', '#6f72af', '#b35c00', '#0b0c0c', '#f499be', '#85994b', '#28a197', '#912b88'];
const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [1, 2], [10, 2], [6, 3, 1, 3]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'cross', 'dash'] as const;

const words = (key: string) => key.replace(/_/g, ' ');
const shortDate = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/London' });

/** Charts reload at most this often while events arrive (history reports cost more than the summary). */
const FOLLOW_EVENTS_MS = 5000;

/** Loads `path`, again whenever `changes` moves (live events: at most every FOLLOW_EVENTS_MS), and every `refreshMs`. */
function useSnapshot<T>(path: string | null, changes = 0, refreshMs = 5 * 60_000): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    const load = () =>
      api<T>(path)
        .then((d) => live && (setData(d), setError(null)))
        .catch((err) => {
          if (!live) return;
          setError(err instanceof ApiError && err.status === 403 ? 'Not available for your role.' : err instanceof Error ? err.message : String(err));
        });
    load();
    const timer = window.setInterval(load, refreshMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [path]);
  // Follow the events: reload once they have moved, throttled.
  const lastLoad = useRef(0);
  useEffect(() => {
    if (!path || changes === 0) return;
    let live = true;
    const wait = Math.max(0, lastLoad.current + FOLLOW_EVENTS_MS - Date.now());
    const timer = window.setTimeout(() => {
      lastLoad.current = Date.now();
      api<T>(path)
        .then((d) => live && (setData(d), setError(null)))
        .catch(() => undefined); // the periodic load reports errors
    }, wait);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [path, changes]);
  return { data, error };
}

/** A chart.js canvas owned by a Preact component: created on mount, rebuilt when the config changes. */
function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  // The canvas is an image to assistive technology; its summary is the label, the numbers are in the table.
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** A chart with its data table one click away (and the table is what a screen reader is pointed to). */
function ChartCard(props: { id: string; title: string; summary: string; chart: ComponentChildren; table: ComponentChildren; extra?: ComponentChildren; error?: string | null }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = `${props.id}-table`;
  return (
    <section class="card chart-card" aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <div class="chart-head">
        <h3 id={`${props.id}-title`}>{props.title}</h3>
        <button type="button" class="secondary" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Show chart' : 'Show table'}
        </button>
      </div>
      {props.error ? <p class="error" role="alert">{props.error}</p> : <p class="muted" aria-live="polite">{props.summary}</p>}
      {props.extra}
      {!props.error && (
        <>
          <div hidden={showTable}>{props.chart}</div>
          <div id={tableId} hidden={!showTable} class="chart-table">{props.table}</div>
        </>
      )}
    </section>
  );
}

// ---- (a) funnel over time for an operation ----

const FUNNEL_STEPS: Array<[keyof FunnelDay, string]> = [
  ['registered', 'Registered'],
  ['triaged', 'Triaged'],
  ['potentialVictims', 'Potential victims'],
  ['placed', 'Placed'],
  ['referredOrNotified', 'Referred / notified'],
  ['rgDecided', 'RG decided'],
  ['cgDecided', 'CG decided'],
  ['exited', 'Left support'],
];

function FunnelChart({ history }: { history: FunnelHistory | null; }) {
  const days = history?.days ?? [];
  const last = days[days.length - 1];
  const config = useMemoConfig(
    (): ChartConfiguration => ({
      type: 'line',
      data: {
        labels: days.map((d) => shortDate(d.date)),
        datasets: FUNNEL_STEPS.map(([key, label], i) => ({
          label,
          data: days.map((d) => d[key] as number),
          borderColor: COLOURS[i],
          backgroundColor: COLOURS[i],
          borderDash: DASHES[i % DASHES.length],
          pointStyle: POINTS[i % POINTS.length],
          pointRadius: 4,
          stepped: true,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'people (cumulative)' } } },
        plugins: { legend: { labels: { usePointStyle: true } } },
      },
    }),
    [history],
  );
  const summary = last
    ? `By ${shortDate(last.date)}: ${FUNNEL_STEPS.map(([key, label]) => `${label} ${last[key]}`).join(', ')}.`
    : 'Loading…';
  return (
    <ChartCard
      id="chart-funnel"
      title="Operation funnel over time"
      summary={summary}
      chart={<ChartCanvas config={config} label={`Funnel over time. ${summary}`} />}
      table={
        <table>
          <caption>People who had reached each step by the end of each day</caption>
          <thead>
            <tr><th scope="col">Day</th>{FUNNEL_STEPS.map(([key, label]) => <th scope="col" key={key}>{label}</th>)}</tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}><th scope="row">{shortDate(d.date)}</th>{FUNNEL_STEPS.map(([key]) => <td key={key}>{d[key]}</td>)}</tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

// ---- (b) occupancy by site type over the last 30 days ----

function OccupancyChart({ history, error }: { history: OccupancyHistory | null; error: string | null }) {
  const days = history?.days ?? [];
  const types = history?.siteTypes ?? [];
  const config = useMemoConfig(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: days.map((d) => shortDate(d.date)),
        datasets: [
          ...types.map((type, i) => ({
            type: 'bar' as const,
            label: `${words(type)} occupied`,
            data: days.map((d) => d.bySiteType.find((t) => t.siteType === type)?.occupied ?? 0),
            backgroundColor: COLOURS[i % COLOURS.length],
            borderColor: '#0b0c0c',
            borderWidth: 1,
            stack: 'occupied',
          })),
          {
            type: 'line' as const,
            label: 'beds in service',
            data: days.map((d) => d.inService),
            borderColor: '#0b0c0c',
            backgroundColor: '#0b0c0c',
            borderDash: [6, 3],
            pointStyle: 'rect',
            stepped: true,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'beds' } } },
        plugins: { legend: { labels: { usePointStyle: true } } },
      },
    }),
    [history],
  );
  const today = days[days.length - 1];
  const summary = today
    ? `Tonight ${today.occupied} of ${today.inService} beds in service are occupied` +
      (today.bySiteType.length ? ` (${today.bySiteType.map((t) => `${words(t.siteType)} ${t.occupied}/${t.inService}`).join(', ')}).` : '.')
    : error ? '' : 'Loading…';
  return (
    <ChartCard
      id="chart-occupancy"
      title="Occupancy by site type, last 30 days"
      summary={summary}
      error={error}
      chart={<ChartCanvas config={config} label={`Occupancy over the last 30 days. ${summary}`} />}
      table={
        <table>
          <caption>Beds occupied / beds in service each night</caption>
          <thead>
            <tr><th scope="col">Night</th>{types.map((t) => <th scope="col" key={t}>{words(t)}</th>)}<th scope="col">All</th></tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{shortDate(d.date)}</th>
                {d.bySiteType.map((t) => <td key={t.siteType}>{t.occupied} / {t.inService}</td>)}
                <td>{d.occupied} / {d.inService}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

// ---- (c) the 14-day forecast with shortfall days marked ----

function ForecastChart({ localAuthorityCode, changes }: { localAuthorityCode: string; changes: number }) {
  const [surge, setSurge] = useState<{ count: number; on: string } | null>(null);
  const query = `/forecast?localAuthorityCode=${localAuthorityCode}&days=14${surge ? `&surge=${surge.count}&surgeOn=${surge.on}` : ''}`;
  const { data, error } = useSnapshot<Forecast>(query, changes);
  const days = data?.forecast ?? [];
  const config = useMemoConfig(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        // Shortfall days carry a text mark on the axis, not only a colour.
        labels: days.map((d) => (d.shortfall ? `⚠ ${shortDate(d.date)}` : shortDate(d.date))),
        datasets: [
          {
            type: 'bar' as const,
            label: 'people with a bed',
            data: days.map((d) => d.needed - d.shortBy),
            backgroundColor: '#1d70b8',
            borderColor: '#1d70b8',
            borderWidth: 1,
            stack: 'needed',
          },
          {
            type: 'bar' as const,
            label: 'people without a bed (shortfall)',
            data: days.map((d) => d.shortBy),
            backgroundColor: '#d4351c',
            borderColor: '#0b0c0c',
            borderWidth: 2,
            stack: 'needed',
          },
          {
            type: 'line' as const,
            label: 'beds available (supply)',
            data: days.map((d) => d.supply),
            borderColor: '#00703c',
            backgroundColor: '#00703c',
            borderDash: [8, 4],
            pointStyle: 'rectRot',
            pointRadius: 5,
            stepped: 'middle',
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'beds' } } },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              footer: (items) => {
                const day = days[items[0]?.dataIndex ?? -1];
                return day?.shortfall ? `Short by ${day.shortBy}: ${day.bySiteType.filter((t) => t.shortBy > 0).map((t) => `${words(t.siteType)} ${t.shortBy}`).join(', ')}` : '';
              },
            },
          },
        },
      },
    }),
    [data],
  );
  const summary = data
    ? `${data.people} people projected${data.surge ? `, plus ${data.surge.count} arriving ${shortDate(data.surge.on)}` : ''}. ` +
      (data.shortfallDays.length
        ? `Shortfall on ${data.shortfallDays.length} of ${data.days} days, first ${shortDate(data.shortfallDays[0])} (short by ${days.find((d) => d.shortfall)?.shortBy}).`
        : `Enough beds on every day.`)
    : error ? '' : 'Loading…';
  return (
    <ChartCard
      id="chart-forecast"
      title={`Beds needed, next 14 days (${localAuthorityCode})`}
      summary={summary}
      error={error}
      extra={<SurgeForm from={data?.from} onAsk={setSurge} current={surge} />}
      chart={<ChartCanvas config={config} label={`Forecast of beds needed against beds available. ${summary}`} />}
      table={
        <table>
          <caption>Beds needed and available each night; ⚠ marks a shortfall ({data?.policyVersion})</caption>
          <thead>
            <tr><th scope="col">Night</th><th scope="col">Available</th><th scope="col">Needed</th><th scope="col">Short by</th><th scope="col">Where</th></tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date} class={d.shortfall ? 'bad' : ''}>
                <th scope="row">{shortDate(d.date)}</th>
                <td>{d.supply}</td>
                <td>{d.needed}</td>
                <td>{d.shortfall ? <strong>⚠ {d.shortBy}</strong> : 0}</td>
                <td>{d.bySiteType.filter((t) => t.shortBy > 0).map((t) => `${words(t.siteType)} ${t.shortBy}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** "What if N more people arrive on day D?" */
function SurgeForm({ from, current, onAsk }: { from?: string; current: { count: number; on: string } | null; onAsk(s: { count: number; on: string } | null): void }) {
  const [count, setCount] = useState(current?.count ?? 5);
  const [on, setOn] = useState(current?.on ?? from ?? '');
  return (
    <form
      class="inline surge"
      onSubmit={(e) => {
        e.preventDefault();
        if (count > 0 && on) onAsk({ count, on });
      }}
    >
      <label>
        What if <input type="number" min={1} max={1000} value={count} onInput={(e) => setCount(Number(e.currentTarget.value))} /> more people
      </label>
      <label>
        arrive on <input type="date" min={from} value={on || from} onInput={(e) => setOn(e.currentTarget.value)} />
      </label>
      <button type="submit">Show</button>
      {current && <button type="button" class="link" onClick={() => onAsk(null)}>Clear</button>}
    </form>
  );
}

/** A config object that only changes when its inputs do, so the chart is rebuilt only then. */
function useMemoConfig(build: () => ChartConfiguration, deps: unknown[]): ChartConfiguration {
  const ref = useRef<{ deps: unknown[]; config: ChartConfiguration } | null>(null);
  if (!ref.current || ref.current.deps.length !== deps.length || ref.current.deps.some((d, i) => d !== deps[i])) {
    ref.current = { deps, config: build() };
  }
  return ref.current.config;
}

/**
 * The planner's morning-after view: what happened (the funnel), where people slept (occupancy) and the beds
 * needed over the next two weeks (forecast). An operation shows all three; an area the last two.
 * They follow the live events as the figures above them do (`changes`), at most every few seconds.
 */
export function Charts({ scope, changes = 0 }: { scope: Scope; changes?: number }) {
  const operationId = 'operationId' in scope ? scope.operationId : null;
  const funnel = useSnapshot<FunnelHistory>(operationId ? `/reports/funnel-history?operationId=${operationId}&days=30` : null, changes);
  const occupancy = useSnapshot<OccupancyHistory>(
    operationId ? `/reports/occupancy-history?operationId=${operationId}&days=30` : `/reports/occupancy-history?localAuthorityCode=${(scope as { localAuthorityCode: string }).localAuthorityCode}&days=30`,
    changes,
  );
  const area = operationId ? funnel.data?.operation.localAuthorityCode ?? null : (scope as { localAuthorityCode: string }).localAuthorityCode;
  return (
    <div class="charts">
      {operationId && (funnel.error ? <p class="error" role="alert">{funnel.error}</p> : <FunnelChart history={funnel.data} />)}
      <OccupancyChart history={occupancy.data} error={occupancy.error} />
      {area && <ForecastChart localAuthorityCode={area} changes={changes} />}
    </div>
  );
}
