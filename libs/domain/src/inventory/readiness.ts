import { Readiness } from './vocabulary';

/** The void-property checklist: in the API's words (camelCase) and the database's (snake_case). */
export const READINESS_ITEMS = [
  { key: 'utilitiesOn', item: 'utilities_on', label: 'Utilities on (gas, electricity, water)' },
  { key: 'furnished', item: 'furnished', label: 'Furnished' },
  { key: 'safetyChecked', item: 'safety_checked', label: 'Safety checked (gas, electrics, smoke alarms)' },
  { key: 'keysHeld', item: 'keys_held', label: 'Keys held by the council' },
] as const;
export type ReadinessItemKey = (typeof READINESS_ITEMS)[number]['key'];
export type ReadinessItemName = (typeof READINESS_ITEMS)[number]['item'];

/** A void property becomes usable only when every item is done; other sites are always ready. */
export function readinessOf(siteType: string, done: ReadonlySet<ReadinessItemName>): Readiness {
  if (siteType !== 'void_property') return 'ready';
  return READINESS_ITEMS.every((i) => done.has(i.item)) ? 'ready' : 'not_ready';
}
