/**
 * The case worker's pages speak in words, not codes. Every map falls back to the code read as words, so a
 * stage, fact or outcome the pathway adds later shows sensibly before anyone gives it words of its own.
 */
const words = (map: Record<string, string>) => (code: unknown): string => {
  const key = String(code ?? '');
  if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
  const text = key.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const stageWords = words({
  encountered: 'Encountered, not yet triaged',
  not_potential_victim: 'Triaged as not a potential victim',
  pre_nrm: 'Pre-NRM support',
  children_services: "With children's services",
  duty_to_notify: 'Duty to notify (local support only)',
  awaiting_rg: 'Awaiting the Reasonable Grounds decision',
  recovery_period: 'Recovery period',
  move_on: 'Move-on support',
  missing: 'Missing',
  exited: 'Left support',
});

export const routeWords = words({ adult: 'Adult services', children_services: "Children's services" });

export const triageOutcomeWords = words({
  potential_victim: 'Potential victim',
  suspect: 'Suspect',
  witness: 'Witness',
  not_victim: 'Not a victim',
});

export const ageCategoryWords = words({ adult: 'Adult', child: 'Child', age_disputed: 'Age disputed' });

export const decisionKindWords = words({ reasonable_grounds: 'Reasonable Grounds', conclusive_grounds: 'Conclusive Grounds' });

export const exitOutcomeWords = words({
  settled_accommodation: 'Moved to settled accommodation',
  returned_home: 'Returned home',
  declined_support: 'Declined support',
  support_ends: 'Support ended',
  support_ended: 'Support ended',
  transferred_out_of_area: 'Transferred out of the area',
  children_services_care: "In children's services' care",
  not_found: 'Not found after going missing',
  detained: 'Detained',
  other: 'Other',
});

export const effectWords = words({
  decision_target: 'A target for the decision maker: nothing ends when it passes',
  minimum_period_ends: 'The guaranteed minimum ends: support continues until the next decision',
  support_ends: 'Support or accommodation of this stage ends',
  bed_released: 'The held bed is released',
});

export const placementStatusWords = words({
  reserved: 'Reserved',
  active: 'Placed',
  ended: 'Ended',
  expired: 'Reservation expired',
  cancelled: 'Cancelled',
});

export const endReasonWords = words({
  moved_on: 'Moved on',
  transferred: 'Transferred to another bed',
  left_support: 'Left support',
  missing_hold_expired: 'Missing: the bed hold ran out',
  non_arrival: 'Did not arrive',
  returned_home: 'Returned home',
  children_services: "Children's services took over",
  other: 'Other',
});

/** A tag colour for a stage; the words beside it always say the stage (never colour alone). */
export function stageTagClass(stage: string): string {
  switch (stage) {
    case 'missing':
      return 'govuk-tag--red';
    case 'exited':
      return 'govuk-tag--grey';
    case 'recovery_period':
    case 'move_on':
      return 'govuk-tag--green';
    case 'awaiting_rg':
      return 'govuk-tag--blue';
    default:
      return 'govuk-tag--light-blue';
  }
}

export function worklistTagClass(state: string): string {
  switch (state) {
    case 'overdue':
      return 'govuk-tag--red';
    case 'due_soon':
      return 'govuk-tag--orange';
    case 'met':
      return 'govuk-tag--green';
    default:
      return 'govuk-tag--blue';
  }
}

export interface HistoryEntry {
  type: string;
  fact: Record<string, unknown>;
}

/**
 * One line for a fact on the timeline: what happened, in the words a case worker would write. A fact
 * type the pathway adds later reads from its type and its plain fields.
 */
export function factWords(entry: HistoryEntry): string {
  const f = entry.fact;
  switch (entry.type) {
    case 'triage':
      return `Triaged: ${triageOutcomeWords(f.outcome).toLowerCase()} (${ageCategoryWords(f.ageCategory).toLowerCase()})${f.correction ? ', correcting the earlier triage' : ''}`;
    case 'age_assessed':
      return `Age assessed: ${f.assessedAs === 'adult' ? 'an adult' : f.assessedAs === 'child' ? 'a child' : String(f.assessedAs ?? '')}`;
    case 'referral':
      if (f.kind === 'duty_to_notify') return 'Duty to notify: the Home Office was notified (no consent to an NRM referral)';
      return f.consent ? 'Referred into the NRM, with consent' : 'Referred into the NRM (a child: no consent needed)';
    case 'decision':
      return `${decisionKindWords(f.kind)} decision: ${String(f.outcome ?? '')}`;
    case 'missing':
      return 'Reported missing';
    case 'found':
      return 'Found';
    case 'exit':
      return `Left support: ${exitOutcomeWords(f.outcome).toLowerCase()}`;
    case 'reconsideration_requested':
      return `Reconsideration of the ${decisionKindWords(f.decisionKind)} decision requested`;
    case 'reconsideration_decided':
      return `Reconsideration of the ${decisionKindWords(f.decisionKind)} decision: ${f.outcome === 'overturned' ? 'overturned (now positive)' : 'upheld'}`;
    case 'rna_requested':
      return 'Recovery Needs Assessment requested';
    case 'rna_decided':
      return f.outcome === 'extended' ? `Recovery Needs Assessment: support extended${f.until ? ` until ${String(f.until)}` : ''}` : 'Recovery Needs Assessment: not extended';
    case 'withdrawal':
      return f.suspended ? 'NRM case suspended' : 'Withdrew from the NRM';
    case 'turned_18':
      return 'Turned 18: now on the adult route, adult consent needed';
    case 'adult_consent':
      return f.consent ? 'Consented, as an adult, to stay in NRM support' : 'Did not consent, as an adult, to stay in NRM support';
    case 'disqualification':
      return 'Public-order disqualification decided (a Conclusive Grounds decision is still owed)';
    case 'guardian_referral':
      return 'Referred to an Independent Child Trafficking Guardian';
    default: {
      const detail = Object.entries(f)
        .filter(([k, v]) => (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') && !/(At|Id)$/.test(k) && k !== 'at')
        .map(([k, v]) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${String(v).replace(/_/g, ' ')}`);
      return [words({})(entry.type), ...detail].join(', ').replace(/^(.*?), /, '$1: ');
    }
  }
}
