/** A dependant as a person record describes them (see `PlacementDependant` for the rules' view). */
export interface DependantFacts {
  ageCategory: 'child' | 'adult';
  age?: number | null;
}

/**
 * Problems with a described list of dependants, in plain words; empty when it can be stored. An age must
 * agree with the age category (a child is under 18), and a bare `needs.dependants` count given alongside the
 * list must say the same number: two different answers to "who comes with them" would leave the child rules
 * guessing.
 */
export function dependantProblems(dependants: readonly DependantFacts[] | undefined, needsCount: number | undefined): string[] {
  if (!dependants) return [];
  const problems: string[] = [];
  dependants.forEach((d, i) => {
    if (d.age == null) return;
    if (d.ageCategory === 'child' && d.age >= 18) problems.push(`dependants.${i}: a child is under 18 (age ${d.age} given)`);
    if (d.ageCategory === 'adult' && d.age < 18) problems.push(`dependants.${i}: an adult is 18 or over (age ${d.age} given)`);
  });
  if (needsCount !== undefined && dependants.length > 0 && needsCount !== dependants.length) {
    problems.push(`needs.dependants says ${needsCount} but ${dependants.length} dependants are described: give one or make them agree`);
  }
  return problems;
}
