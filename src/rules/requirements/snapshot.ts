/**
 * What an organization was told about a competency's requirements, so a catalog change can be
 * announced with exactly what changed.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { CompetencyLevelSchema, type CompetencyLevel } from '../organization/organization.js';

export const RequirementsSnapshotSchema = z.object({
  level: CompetencyLevelSchema,
  customerReferences: z.number(),
  certifiedProfessionals: z.number(),
  performance: z.string(),
  exams: z.array(z.string()),
});
export type RequirementsSnapshot = z.infer<typeof RequirementsSnapshotSchema>;

/**
 * What the organization was last told, with how many changes it has been told of so far: each new
 * change gets the next number, so a change back to an earlier state is a new change too.
 */
export const ToldRequirementsSchema = RequirementsSnapshotSchema.extend({ changesTold: z.number().int().min(0).optional() });
export type ToldRequirements = z.infer<typeof ToldRequirementsSchema>;

/**
 * Per held competency, what the organization was told, as stored. An entry that does not parse (an
 * older or damaged one) is dropped: the competency is then told of afresh, which is the safe side.
 */
export function toldRequirementsFrom(stored: Record<string, unknown>): Record<string, ToldRequirements> {
  const told: Record<string, ToldRequirements> = {};
  for (const [competencyId, entry] of Object.entries(stored)) {
    const parsed = ToldRequirementsSchema.safeParse(entry);
    if (parsed.success) told[competencyId] = parsed.data;
  }
  return told;
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
