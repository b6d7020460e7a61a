/**
 * What an organization was told about a competency's requirements, so a catalog change can be
 * announced with exactly what changed.
 */
import type { Catalog } from './catalog.js';
import type { CompetencyLevel } from './organization.js';

export interface RequirementsSnapshot {
  level: CompetencyLevel;
  customerReferences: number;
  certifiedProfessionals: number;
  performance: string;
  exams: string[];
}

/**
 * What the organization was last told, with how many changes it has been told of so far: each new
 * change gets the next number, so a change back to an earlier state is a new change too.
 */
export interface ToldRequirements extends RequirementsSnapshot {
  changesTold?: number;
}

export function requirementsSnapshot(competencyId: string, level: CompetencyLevel, catalog: Catalog): RequirementsSnapshot | undefined {
  const competency = catalog.competency(competencyId);
  if (!competency) return undefined;
  const requirements = competency.levels[level];
  return {
    level,
    customerReferences: requirements.customerReferences,
    certifiedProfessionals: requirements.certifiedProfessionals,
    performance: requirements.performance ?? '',
    exams: [...competency.exams].sort(),
  };
}

/** One sentence per difference, in words a person reads on the card. */
export function requirementChanges(before: RequirementsSnapshot, after: RequirementsSnapshot): string[] {
  const changes: string[] = [];
  if (before.customerReferences !== after.customerReferences) {
    changes.push(`Customer references needed: ${before.customerReferences} → ${after.customerReferences}`);
  }
  if (before.certifiedProfessionals !== after.certifiedProfessionals) {
    changes.push(`Certified people needed: ${before.certifiedProfessionals} → ${after.certifiedProfessionals}`);
  }
  if (before.performance !== after.performance) changes.push(`Performance: now "${after.performance}"`);
  const added = after.exams.filter((exam) => !before.exams.includes(exam));
  const removed = before.exams.filter((exam) => !after.exams.includes(exam));
  if (added.length > 0) changes.push(`Exams now accepted: ${added.join(', ')}`);
  if (removed.length > 0) changes.push(`Exams no longer accepted: ${removed.join(', ')}`);
  return changes;
}
