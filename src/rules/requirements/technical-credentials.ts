/**
 * Technical credentials: a person counts for a competency when they passed an exam it accepts, and
 * one person's exam counts for every competency that accepts it.
 */
import { normalizeExam, type Catalog } from '../catalog/catalog.js';
import type { Certification } from '../organization/organization.js';

/** Guide line 33, said once on the requirements card rather than under every competency. */
export const TECHNICAL_CREDENTIALS_RULE =
  'Technical credentials (exams, assessments or certifications) are required for every competency and differ per competency. An exam an employee or contractor passed counts for every competency that accepts it.';

export interface CertifiedPerson {
  person: string;
  exams: string[];
}

/** The distinct people (names compared case-insensitively) holding an exam the competency accepts. */
export function certifiedPeopleFor(competencyId: string, certifications: readonly Certification[], catalog: Catalog): CertifiedPerson[] {
  const accepted = new Set((catalog.competency(competencyId)?.exams ?? []).map(normalizeExam));
  const byPerson = new Map<string, CertifiedPerson>();
  for (const certification of certifications) {
    const exam = normalizeExam(certification.exam);
    if (!accepted.has(exam)) continue;
    const key = certification.person.trim().toLowerCase();
    const entry = byPerson.get(key) ?? { person: certification.person.trim(), exams: [] };
    if (!entry.exams.includes(exam)) entry.exams.push(exam);
    byPerson.set(key, entry);
  }
  return [...byPerson.values()];
}

/** Other competencies the organization holds that the same exams also count for. */
export function sharedCreditNote(competencyId: string, people: readonly CertifiedPerson[], heldIds: readonly string[], catalog: Catalog): string {
  const others = new Set<string>();
  for (const { exams } of people) {
    for (const exam of exams) {
      for (const id of catalog.competenciesAcceptingExam(exam)) {
        if (id !== competencyId && heldIds.includes(id)) others.add(catalog.competency(id)?.name ?? id);
      }
    }
  }
  return others.size === 0 ? '' : `The same exams also count for ${[...others].sort().join(', ')}.`;
}
