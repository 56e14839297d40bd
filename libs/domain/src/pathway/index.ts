export * from './pathway.types';
export { applyPathwayFact, eighteenthBirthday, factTime, pathwayStage, replayPathway, routeFor, startPathway } from './pathway-machine';
export * from './deadline-policy';
export * from './pathway-status';
export * from './deadlines';
export * from './working-days';
export * from './bank-holidays';
export {
  LONDON,
  addCalendarDays,
  describeLondon,
  endOfLondonDay,
  isCalendarDate,
  londonDate,
  toLondonIso,
} from './london-time';
export type { CalendarDate } from './london-time';
