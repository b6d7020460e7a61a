/**
 * What a question carries besides its name: which list of a competency's evidence it shows, and where
 * each of the profile form's long lists starts. Here, below the files that use them, so the question
 * vocabulary imports no card.
 */
import { z } from 'zod';
import { PageIndexSchema } from '../common/paging.js';

export const EVIDENCE_LISTS = ['may-delay', 'expired', 'certified'] as const;
export type EvidenceList = (typeof EVIDENCE_LISTS)[number];

export const LINED_FIELDS = ['otherCompetencies', 'customerReferences', 'certifications'] as const;
export type LinedField = (typeof LINED_FIELDS)[number];

/** Where each list's window starts; a list not named starts at its first line. */
export type ListStarts = Partial<Record<LinedField, number>>;

export const ListStartsSchema = z.object({ otherCompetencies: PageIndexSchema.optional(), customerReferences: PageIndexSchema.optional(), certifications: PageIndexSchema.optional() });
