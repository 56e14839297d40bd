import { TZDate } from '@date-fns/tz';
import { DECISION_KINDS, DECISION_OUTCOMES, EXIT_OUTCOMES, TRIAGE_OUTCOMES } from '@safe-harbour/domain';
import { ClassConstructor } from 'class-transformer';
import { Role } from '../../auth/roles';
import { CENTRE_RECORDERS, RECORDERS } from '../../pathway/pathway.controller';
import { CENTRE_STAFF } from '../../people/people.controller';
import {
  AdultConsentDto,
  AgeAssessmentDto,
  DecisionDto,
  ExitDto,
  FoundDto,
  MissingDto,
  ReconsiderationDto,
  ReconsiderationOutcomeDto,
  RecoveryNeedsAssessmentDto,
  RecoveryNeedsAssessmentOutcomeDto,
  ReferralDto,
  WithdrawalDto,
} from '../../pathway/pathway.dto';
import { TriageDto } from '../../people/people.dto';
import { decisionKindWords, exitOutcomeWords, triageOutcomeWords } from './case-words';

/** One field of a fact's form, rendered with the GOV.UK macro of its kind. */
export type FormField =
  | { kind: 'radios'; name: string; label: string; hint?: string; items: Array<{ value: string; text: string; hint?: string }> }
  | { kind: 'select'; name: string; label: string; hint?: string; items: Array<{ value: string; text: string }> }
  /** a London wall-clock date and time (`datetime-local`), sent to the API as an instant */
  | { kind: 'datetime'; name: string; label: string; hint?: string }
  | { kind: 'textarea'; name: string; label: string; hint?: string; maxLength: number }
  /** a London calendar date (`type=date`, YYYY-MM-DD), sent as typed */
  | { kind: 'date'; name: string; label: string; hint?: string };

export interface FactForm {
  /** the path segment: `/people/:id/record/<slug>` */
  slug: string;
  /** the page's h1 and title */
  title: string;
  /** the submit button's words */
  button: string;
  /** the roles the API route for this fact admits (the same list, imported from its controller) */
  roles: Role[];
  fields: FormField[];
  /** the API's own DTO: the form is valid exactly when the API would accept its fields */
  dto: ClassConstructor<object>;
  /** GOV.UK-style message per DTO property, saying what to do */
  messages: Record<string, string>;
  /** which field a refusal's code belongs beside */
  fieldFor?: Record<string, string>;
  /** the success banner on the case page */
  done: (reference: string) => string;
}

const when = (name: string, label: string): FormField => ({
  kind: 'datetime',
  name,
  label,
  hint: 'UK time, for example 1 December 2026 at 14:05. It cannot be in the future.',
});

const TIME_MESSAGE = (what: string) => `Enter the date and time ${what}, in UK time`;

/**
 * Every fact a case worker records on the case, as a form. Facts the pathway adds (reconsiderations,
 * age assessments, RNAs, withdrawals) are one entry each here, with the API's DTO.
 */
export const FACT_FORMS: FactForm[] = [
  {
    slug: 'triage',
    title: 'Record triage',
    button: 'Save triage',
    roles: CENTRE_STAFF,
    fields: [
      { kind: 'radios', name: 'outcome', label: 'Outcome', items: TRIAGE_OUTCOMES.map((value) => ({ value, text: triageOutcomeWords(value) })) },
      { kind: 'textarea', name: 'notes', label: 'Notes (optional)', hint: 'Shown only to those who may see personal data', maxLength: 2000 },
    ],
    dto: TriageDto,
    messages: { outcome: 'Select the triage outcome', notes: 'Notes must be 2000 characters or fewer' },
    done: (reference) => `Triage recorded for ${reference}`,
  },
  {
    slug: 'referral',
    title: 'Record a referral',
    button: 'Record referral',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'kind',
        label: 'Referral',
        items: [
          { value: 'nrm', text: 'Referral into the National Referral Mechanism (NRM)', hint: 'An adult who consents, or any child' },
          { value: 'duty_to_notify', text: 'Duty to notify the Home Office', hint: 'An adult who does not consent to an NRM referral' },
        ],
      },
      {
        kind: 'radios',
        name: 'consent',
        label: 'Has the person given informed consent?',
        hint: "A child is referred without needing consent: choose 'No' for a child",
        items: [
          { value: 'true', text: 'Yes' },
          { value: 'false', text: 'No' },
        ],
      },
      when('submittedAt', 'When was it submitted?'),
      { kind: 'select', name: 'firstResponderOrganisationId', label: 'First responder organisation', hint: 'The council, police force or NGO that made the referral', items: [] },
    ],
    dto: ReferralDto,
    messages: {
      kind: 'Select the kind of referral',
      consent: 'Select whether the person consented',
      submittedAt: TIME_MESSAGE('the referral was submitted'),
      firstResponderOrganisationId: 'Select the first responder organisation',
    },
    fieldFor: {
      NRM_CONSENT_REQUIRED: 'consent',
      DUTY_TO_NOTIFY_WITH_CONSENT: 'consent',
      DUTY_TO_NOTIFY_FOR_CHILD: 'kind',
      NOT_A_FIRST_RESPONDER: 'firstResponderOrganisationId',
      UNKNOWN_ORGANISATION: 'firstResponderOrganisationId',
      FACT_IN_FUTURE: 'submittedAt',
      OUT_OF_ORDER: 'submittedAt',
    },
    done: (reference) => `Referral recorded for ${reference}`,
  },
  {
    slug: 'decision',
    title: 'Record a decision',
    button: 'Record decision',
    roles: RECORDERS,
    fields: [
      { kind: 'radios', name: 'kind', label: 'Decision', items: DECISION_KINDS.map((value) => ({ value, text: `${decisionKindWords(value)} decision` })) },
      { kind: 'radios', name: 'outcome', label: 'Outcome', items: DECISION_OUTCOMES.map((value) => ({ value, text: value === 'positive' ? 'Positive' : 'Negative' })) },
      when('decidedAt', 'When was it decided?'),
    ],
    dto: DecisionDto,
    messages: { kind: 'Select which decision', outcome: 'Select the outcome', decidedAt: TIME_MESSAGE('of the decision') },
    fieldFor: { FACT_IN_FUTURE: 'decidedAt', OUT_OF_ORDER: 'decidedAt' },
    done: (reference) => `Decision recorded for ${reference}`,
  },
  {
    slug: 'missing',
    title: 'Report missing',
    button: 'Report missing',
    roles: CENTRE_RECORDERS,
    fields: [when('reportedAt', 'When were they reported missing?')],
    dto: MissingDto,
    messages: { reportedAt: TIME_MESSAGE('they were reported missing') },
    fieldFor: { FACT_IN_FUTURE: 'reportedAt', OUT_OF_ORDER: 'reportedAt' },
    done: (reference) => `${reference} reported missing: their bed is held`,
  },
  {
    slug: 'found',
    title: 'Record found',
    button: 'Record found',
    roles: CENTRE_RECORDERS,
    fields: [when('foundAt', 'When were they found?')],
    dto: FoundDto,
    messages: { foundAt: TIME_MESSAGE('they were found') },
    fieldFor: { FACT_IN_FUTURE: 'foundAt', OUT_OF_ORDER: 'foundAt' },
    done: (reference) => `${reference} recorded as found`,
  },
  {
    slug: 'exit',
    title: 'Record exit',
    button: 'Record exit',
    roles: RECORDERS,
    fields: [
      { kind: 'radios', name: 'outcome', label: 'Outcome', items: EXIT_OUTCOMES.map((value) => ({ value, text: exitOutcomeWords(value) })) },
      when('at', 'When did they leave support?'),
    ],
    dto: ExitDto,
    messages: { outcome: 'Select how they left support', at: TIME_MESSAGE('they left support') },
    fieldFor: { FACT_IN_FUTURE: 'at', OUT_OF_ORDER: 'at' },
    done: (reference) => `Exit recorded for ${reference}`,
  },
];

const YES_NO = [
  { value: 'true', text: 'Yes' },
  { value: 'false', text: 'No' },
];

/** The facts of the second wave (#12): reconsiderations, age assessment, RNA, adult consent, withdrawal. */
FACT_FORMS.push(
  {
    slug: 'reconsideration',
    title: 'Record a reconsideration request',
    button: 'Record reconsideration request',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'decisionKind',
        label: 'Which negative decision is to be reconsidered?',
        items: DECISION_KINDS.map((value) => ({ value, text: `${decisionKindWords(value)} decision` })),
      },
      when('requestedAt', 'When was the reconsideration requested?'),
    ],
    dto: ReconsiderationDto,
    messages: { decisionKind: 'Select which decision', requestedAt: TIME_MESSAGE('the reconsideration was requested') },
    fieldFor: { FACT_IN_FUTURE: 'requestedAt', OUT_OF_ORDER: 'requestedAt' },
    done: (reference) => `Reconsideration request recorded for ${reference}`,
  },
  {
    slug: 'reconsideration-outcome',
    title: 'Record the reconsideration outcome',
    button: 'Record reconsideration outcome',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Outcome',
        items: [
          { value: 'overturned', text: 'Overturned', hint: 'The negative decision becomes positive from the date of this outcome' },
          { value: 'upheld', text: 'Upheld', hint: 'The negative decision stands' },
        ],
      },
      when('decidedAt', 'When was it decided?'),
    ],
    dto: ReconsiderationOutcomeDto,
    messages: { outcome: 'Select the outcome', decidedAt: TIME_MESSAGE('of the outcome') },
    fieldFor: { FACT_IN_FUTURE: 'decidedAt', OUT_OF_ORDER: 'decidedAt' },
    done: (reference) => `Reconsideration outcome recorded for ${reference}`,
  },
  {
    slug: 'age-assessment',
    title: 'Record an age assessment',
    button: 'Record age assessment',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Assessed as',
        items: [
          { value: 'adult', text: 'An adult', hint: 'Moves to the adult route with adult deadlines from this date' },
          { value: 'child', text: 'A child' },
        ],
      },
      when('assessedAt', 'When did the assessment conclude?'),
    ],
    dto: AgeAssessmentDto,
    messages: { outcome: 'Select what the assessment found', assessedAt: TIME_MESSAGE('the assessment concluded') },
    fieldFor: { FACT_IN_FUTURE: 'assessedAt', OUT_OF_ORDER: 'assessedAt' },
    done: (reference) => `Age assessment recorded for ${reference}`,
  },
  {
    slug: 'recovery-needs-assessment',
    title: 'Record a Recovery Needs Assessment request',
    button: 'Record RNA request',
    roles: RECORDERS,
    fields: [when('requestedAt', 'When was it requested?')],
    dto: RecoveryNeedsAssessmentDto,
    messages: { requestedAt: TIME_MESSAGE('it was requested') },
    fieldFor: { FACT_IN_FUTURE: 'requestedAt', OUT_OF_ORDER: 'requestedAt' },
    done: (reference) => `Recovery Needs Assessment request recorded for ${reference}`,
  },
  {
    slug: 'recovery-needs-assessment-outcome',
    title: 'Record the Recovery Needs Assessment outcome',
    button: 'Record RNA outcome',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Outcome',
        items: [
          { value: 'extended', text: 'Support extended' },
          { value: 'not_extended', text: 'Not extended' },
        ],
      },
      { kind: 'date', name: 'until', label: 'Extended until (if extended)', hint: 'The last day of extended support' },
      when('decidedAt', 'When was it decided?'),
    ],
    dto: RecoveryNeedsAssessmentOutcomeDto,
    messages: { outcome: 'Select the outcome', until: 'Enter the last day of extended support', decidedAt: TIME_MESSAGE('of the outcome') },
    fieldFor: { FACT_IN_FUTURE: 'decidedAt', OUT_OF_ORDER: 'decidedAt' },
    done: (reference) => `Recovery Needs Assessment outcome recorded for ${reference}`,
  },
  {
    slug: 'adult-consent',
    title: 'Record adult consent',
    button: 'Record adult consent',
    roles: RECORDERS,
    fields: [
      { kind: 'radios', name: 'consent', label: 'Has the young person, now 18, consented to stay in adult NRM support?', items: YES_NO },
      when('at', 'When?'),
    ],
    dto: AdultConsentDto,
    messages: { consent: 'Select whether they consented', at: TIME_MESSAGE('of their answer') },
    fieldFor: { FACT_IN_FUTURE: 'at', OUT_OF_ORDER: 'at' },
    done: (reference) => `Adult consent recorded for ${reference}`,
  },
  {
    slug: 'withdrawal',
    title: 'Record a withdrawal from the NRM',
    button: 'Record withdrawal',
    roles: RECORDERS,
    fields: [
      {
        kind: 'radios',
        name: 'suspended',
        label: 'Who ended it?',
        items: [
          { value: 'false', text: 'The person withdrew' },
          { value: 'true', text: 'The case was suspended', hint: 'For example after a long time missing' },
        ],
      },
      when('at', 'When?'),
    ],
    dto: WithdrawalDto,
    messages: { suspended: 'Select who ended it', at: TIME_MESSAGE('of the withdrawal') },
    fieldFor: { FACT_IN_FUTURE: 'at', OUT_OF_ORDER: 'at' },
    done: (reference) => `Withdrawal recorded for ${reference}`,
  },
);

export const factForm = (slug: string) => FACT_FORMS.find((f) => f.slug === slug);

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value is London wall-clock time ("2026-03-29T01:30"); the API takes an instant with
 * its offset. Anything else is passed on as typed, so the API's own validation says what is wrong.
 */
export function londonInputToInstant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return value.trim() === '' ? undefined : value;
  const [, y, mo, d, h, mi] = m.map(Number);
  const date = new TZDate(y, mo - 1, d, h, mi, 0, 0, 'Europe/London');
  // Reject dates that rolled over (31 February): the browser never sends them, a hand-made post might.
  if (date.getDate() !== d || date.getMonth() !== mo - 1) return value;
  return new Date(date.getTime()).toISOString();
}

/** The hidden field beside a time field that carries the "now" the form was rendered with. */
export const renderedNowField = (name: string) => `${name}__rendered`;

/**
 * The posted form as the API's DTO input: times as instants, yes/no as booleans, blanks left out. A time
 * left as the form offered it ("now", to the minute) means now, to the second: recording a referral in the
 * same minute as the triage must not date it before the triage.
 */
export function formInput(form: FactForm, body: Record<string, unknown>, now = new Date()): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = body[field.name];
    const offered = body[renderedNowField(field.name)];
    if (field.kind === 'datetime' && typeof raw === 'string' && raw !== '' && raw === offered) input[field.name] = now.toISOString();
    else if (field.kind === 'datetime') input[field.name] = londonInputToInstant(raw);
    else if (field.kind === 'radios' && field.items.every((i) => i.value === 'true' || i.value === 'false')) {
      // yes/no questions are booleans in the API
      if (raw === 'true' || raw === 'false') input[field.name] = raw === 'true';
      else if (raw !== undefined) input[field.name] = raw;
    }
    else if (typeof raw === 'string' && raw.trim() === '') continue;
    else if (raw !== undefined) input[field.name] = typeof raw === 'string' ? raw.trim() : raw;
  }
  return input;
}
