import { Get, Query, Res } from '@nestjs/common';
import { DEADLINE_KINDS, WORKLIST_STATE_WORDS, WORKLIST_STATES, worklistKindWords, WorklistState } from '@safe-harbour/domain';
import type { Response } from 'express';
import { AccessService } from '../../access/access.service';
import { CurrentUser } from '../../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../../auth/roles';
import { WorklistQuery } from '../../casework/worklist.dto';
import { Worklist, WorklistService } from '../../casework/worklist.service';
import { OperationsRepository } from '../../operations/operations.repository';
import { validateForm } from '../forms';
import { render } from '../render';
import { WebController } from '../web-routing';
import { worklistTagClass } from './case-words';

const SORTS: Array<{ value: string; text: string }> = [
  { value: 'urgency', text: 'Most urgent first' },
  { value: 'due', text: 'Due date' },
  { value: 'reference', text: 'Reference' },
  { value: 'kind', text: 'What is due' },
  { value: 'operation', text: 'Operation' },
];

const asList = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));

/** The team's worklist page over the worklist API's service: the same scope, filters, counts and order. */
@WebController('worklist')
export class WorklistPages {
  constructor(
    private readonly worklists: WorklistService,
    private readonly operations: OperationsRepository,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async worklist(@CurrentUser() user: AuthUser, @Query() raw: Record<string, unknown>, @Res() res: Response) {
    const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)));
    const parsed = await validateForm(WorklistQuery, input, {
      operationId: 'Choose an operation from the list',
      state: 'Choose states from the list',
      kind: 'Choose what is due from the list',
      sort: 'Choose how to sort from the list',
    });
    const query: WorklistQuery = parsed.ok ? parsed.value : {};
    const list = await this.worklists.worklist(user, query);
    const operations = await this.operations.listVisible(await this.access.operationScope(user), {}, 200);
    const visibleIds = operations.map((o) => o.id);
    const states = query.state?.length ? query.state : (['overdue', 'due_soon', 'upcoming'] as WorklistState[]);
    const sort = query.sort ?? 'urgency';
    const order = query.order ?? 'asc';
    const href = (change: Record<string, string | string[] | undefined>) => worklistHref({ ...currentParams(query), ...change });

    render(
      res,
      'casework/worklist',
      {
        title: 'Worklist',
        list,
        query,
        errors: parsed.ok ? undefined : parsed.errors,
        filtered: Boolean(query.operationId || query.kind?.length || query.state?.length || query.localAuthorityCode),
        operationIds: query.operationId ? [query.operationId] : visibleIds.slice(0, 50),
        counts: WORKLIST_STATES.map((state) => ({
          state,
          count: list.counts[state],
          words: WORKLIST_STATE_WORDS[state],
          tagClass: worklistTagClass(state),
          href: href({ state: [state], cursor: undefined }),
          current: states.length === 1 && states[0] === state,
        })),
        head: [
          sortableHead('Reference', 'reference', sort, order, href),
          sortableHead('What is due', 'kind', sort, order, href),
          sortableHead('Due (UK time)', 'due', sort, order, href),
          sortableHead('State', 'urgency', sort, order, href),
          sortableHead('Operation', 'operation', sort, order, href),
        ],
        rows: rows(list),
        awaitingRows: list.awaiting.items.map((a) => [
          { html: `<a class="govuk-link" href="/people/${a.personId}">${escapeHtml(a.reference)}</a>` },
          { text: a.what },
          { text: formatLondon(a.since, '') },
          { text: a.operationName },
        ]),
        nextHref: list.nextCursor ? href({ cursor: list.nextCursor }) : null,
        operationItems: [{ value: '', text: 'All your operations' }, ...operations.map((o) => ({ value: o.id, text: o.name, selected: o.id === query.operationId }))],
        stateItems: WORKLIST_STATES.map((s) => ({ value: s, text: WORKLIST_STATE_WORDS[s], checked: states.includes(s) })),
        kindItems: [
          { value: '', text: 'Everything' },
          ...[...new Set([...DEADLINE_KINDS, ...list.items.map((i) => i.kind)])].map((k) => ({ value: k, text: worklistKindWords(k), selected: query.kind?.includes(k) })),
        ],
        sortItems: SORTS.map((s) => ({ ...s, selected: s.value === sort })),
      },
      parsed.ok ? 200 : 400,
    );
  }
}

function rows(list: Worklist) {
  return list.items.map((i) => [
    { html: `<a class="govuk-link" href="/people/${i.personId}">${escapeHtml(i.reference)}</a>` },
    { html: `${escapeHtml(i.what)}<br><span class="govuk-body-s">Rule <code>${escapeHtml(i.rule)}</code></span>` },
    { text: formatLondon(i.state === 'met' && i.metAt ? i.metAt : i.dueAt, i.state === 'met' ? 'Met ' : '') },
    { html: `<strong class="govuk-tag ${worklistTagClass(i.state)}">${escapeHtml(i.stateWords)}</strong>` },
    { text: i.operationName },
  ]);
}

type Params = Record<string, string | string[] | undefined>;

function currentParams(q: WorklistQuery): Params {
  return {
    operationId: q.operationId,
    localAuthorityCode: q.localAuthorityCode,
    state: q.state,
    kind: q.kind,
    sort: q.sort,
    order: q.order,
    horizonDays: q.horizonDays?.toString(),
    metWithinDays: q.metWithinDays?.toString(),
  };
}

export function worklistHref(params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of asList(v)) search.append(k, one);
  const text = search.toString();
  return text ? `/worklist?${text}` : '/worklist';
}

/** A column heading that sorts the table by its column (a link, so it works without JavaScript). */
function sortableHead(text: string, by: string, sort: string, order: string, href: (p: Params) => string) {
  const active = sort === by;
  const next = active && order === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  return {
    html: `<a class="govuk-link govuk-link--no-visited-state" href="${escapeHtml(href({ sort: by, order: next, cursor: undefined }))}">${escapeHtml(text)}<span class="govuk-visually-hidden">, sort ${next === 'asc' ? 'ascending' : 'descending'}</span></a>`,
    attributes: { 'aria-sort': ariaSort },
  };
}

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const formatLondon = (d: Date | string, prefix: string) => `${prefix}${london.format(new Date(d))}`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
