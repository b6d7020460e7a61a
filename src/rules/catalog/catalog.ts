/**
 * The requirements catalog: competencies, levels, thresholds, exams and the cross-competency
 * changes. It is data (default in `data/default-catalog.json`); an operator can replace it with a
 * file named by `CATALOG_FILE`, validated here with the same schema.
 *
 * Every value the renewal guide does not give (thresholds, exam codes, addresses) records its
 * source as `to-confirm`, and the cards say so next to it; a value left without a source is
 * treated as one to confirm.
 */
import { z } from 'zod';
import type { CatalogVocabulary, CompetencyLevel } from '../organization/organization.js';
import { PlainDateSchema } from '../organization/organization.js';
import { ValueSourceSchema } from '../common/value-source.js';
import defaultCatalogJson from '../data/default-catalog.json' with { type: 'json' };

const LevelRequirementsSchema = z.object({
  /** Approved customer references needed (not in the guide: see the competency's `sources`). */
  customerReferences: z.number().int().min(0).max(100),
  /** Distinct people holding an exam this competency accepts. */
  certifiedProfessionals: z.number().int().min(0).max(100),
  /** An operator's own wording of the performance goal (not in the guide: shown as a value to confirm). */
  performance: z.string().min(1).optional(),
  /** Gold only: the Customer Satisfaction (CSAT) requirement applies to renewals assessed before this date. */
  customerSatisfactionUntil: PlainDateSchema.optional(),
});
export type LevelRequirements = z.infer<typeof LevelRequirementsSchema>;

const CompetencySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  /** Words people use for it ("azure", "crm"), matched typo-tolerantly by the bot. */
  aliases: z.array(z.string().min(1)).default([]),
  focus: z.string().min(1),
  cloud: z.boolean(),
  exams: z.array(z.string().min(1)).min(1),
  requirementsUrl: z.url(),
  levels: z.object({ silver: LevelRequirementsSchema, gold: LevelRequirementsSchema }),
  sources: z
    .object({
      exams: ValueSourceSchema,
      requirementsUrl: ValueSourceSchema,
      customerReferences: ValueSourceSchema,
      certifiedProfessionals: ValueSourceSchema,
      /** The gold CSAT date of the levels. */
      customerSatisfactionUntil: ValueSourceSchema,
    })
    .prefault({}),
});
export type Competency = z.infer<typeof CompetencySchema>;

const CrossChangeSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  detail: z.string().min(1),
  /** Where the change was announced, as the guide names it ("WPC 2015"). */
  announced: z.string().min(1),
  /** The day it takes effect, only when the guide gives one (gold CSAT: "as of January 2016"). */
  effectiveFrom: PlainDateSchema.optional(),
  /** Whether the guide gives that day (to its month: "as of January 2016"). */
  effectiveFromSource: ValueSourceSchema,
  /** Which held competencies it concerns. */
  appliesTo: z.enum(['all', 'many', 'cloud', 'gold']),
});
export type CrossChange = z.infer<typeof CrossChangeSchema>;

export const CatalogSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().min(1),
    thresholdsNote: z.string().min(1),
    feesNote: z.string().min(1),
    supportUrl: z.url(),
    signInHelpUrl: z.url(),
    renewalGuideUrl: z.url(),
    partnerPortalUrl: z.url(),
    referenceValidityYears: z.number().int().min(1).max(10),
    /** The "What's new" page where the program keeps its changes (guide line 14). */
    whatsNewUrl: z.url(),
    /** The guide's three pointers for technical credentials (guide lines 34-36). */
    examsUrl: z.url(),
    itTrainingUrl: z.url(),
    learningPathsUrl: z.url(),
    changes: z.array(CrossChangeSchema),
    competencies: z.array(CompetencySchema).min(1),
    sources: z
      .object({
        supportUrl: ValueSourceSchema,
        signInHelpUrl: ValueSourceSchema,
        renewalGuideUrl: ValueSourceSchema,
        partnerPortalUrl: ValueSourceSchema,
        whatsNewUrl: ValueSourceSchema,
        examsUrl: ValueSourceSchema,
        itTrainingUrl: ValueSourceSchema,
        learningPathsUrl: ValueSourceSchema,
        referenceValidityYears: ValueSourceSchema,
      })
      .prefault({}),
  })
  .superRefine((catalog, ctx) => {
    const ids = new Set<string>();
    catalog.competencies.forEach((competency, index) => {
      if (ids.has(competency.id)) {
        ctx.addIssue({ code: 'custom', path: ['competencies', index, 'id'], message: `"${competency.id}" appears twice` });
      }
      ids.add(competency.id);
    });
  });
export type CatalogData = z.infer<typeof CatalogSchema>;

/** A validated catalog with lookups; build once at start-up. */
export interface Catalog extends CatalogVocabulary {
  readonly data: CatalogData;
  competency(id: string): Competency | undefined;
  levelRequirements(id: string, level: CompetencyLevel): LevelRequirements | undefined;
  /** Competency ids that accept an exam (case-insensitive exam code). */
  competenciesAcceptingExam(exam: string): string[];
}

/**
 * Validates catalog JSON and indexes it. Throws a ZodError listing every problem with its path.
 * @example parseCatalog(JSON.parse(fileText)).competency('cloud-platform')?.name // 'Cloud Platform'
 */
export function parseCatalog(input: unknown): Catalog {
  const data = CatalogSchema.parse(input);
  const byId = new Map(data.competencies.map((competency) => [competency.id, competency]));
  const byExam = new Map<string, string[]>();
  for (const competency of data.competencies) {
    for (const exam of competency.exams) {
      const key = normalizeExam(exam);
      byExam.set(key, [...(byExam.get(key) ?? []), competency.id]);
    }
  }
  return {
    data,
    hasCompetency: (id) => byId.has(id),
    competency: (id) => byId.get(id),
    levelRequirements: (id, level) => byId.get(id)?.levels[level],
    competenciesAcceptingExam: (exam) => byExam.get(normalizeExam(exam)) ?? [],
  };
}

export function normalizeExam(exam: string): string {
  return exam.trim().toUpperCase();
}

/** The catalog that ships with the bot (the 2015 guidance). */
export function defaultCatalog(): Catalog {
  return parseCatalog(defaultCatalogJson);
}
