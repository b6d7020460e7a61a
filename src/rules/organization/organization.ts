/**
 * The organization profile: what the bot knows about one partner organization (one Teams tenant).
 * The schema is the single definition used by the setup form, the operator import and storage.
 */
import { z } from 'zod';
import { canonicalTimeZone, isPlainDate, isTimeZone } from '../common/plain-date.js';

export const PlainDateSchema = z
  .string()
  .trim()
  .refine(isPlainDate, { message: 'must be a real calendar date written YYYY-MM-DD' });

export const TimeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { message: 'must be an IANA time zone name such as Europe/Berlin' })
  .transform(canonicalTimeZone);

/**
 * Azure AD / Teams ids: GUID-like, but emulators send non-standard lengths, so only the alphabet is
 * checked. Lower-cased because GUIDs compare case-insensitively and the tenant id keys all storage.
 */
export const DirectoryIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9-]+$/, { message: 'must be a directory id (letters, digits and dashes)' });

/**
 * Control characters (tab aside) and the line and paragraph separators, which no name needs: a CR in
 * an organization's name would reach the calendar file, where a parser that splits lines on CR reads
 * what follows as properties of its own. One character class: linear on any input.
 */
const NOT_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when `text` holds no control character (but tab) and no line break of any kind. */
export function isOneLineText(text: string): boolean {
  return !NOT_ONE_LINE.test(text);
}

/** The same text with every such character replaced by a space: how a row stored before the rule reads back. */
export function asOneLineText(text: string): string {
  return text.replace(new RegExp(NOT_ONE_LINE.source, 'g'), ' ');
}

/** Text a person types into one field of the profile, at most `max` characters. */
export function oneLineText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine(isOneLineText, { message: 'must not contain control characters or line breaks' });
}

export const CompetencyLevelSchema = z.enum(['silver', 'gold']);
export type CompetencyLevel = z.infer<typeof CompetencyLevelSchema>;

const name = oneLineText(200).pipe(z.string().min(1, { message: 'is required' }));

export const PrimaryContactSchema = z.object({
  name,
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })),
  aadObjectId: DirectoryIdSchema.optional(),
});
export type PrimaryContact = z.infer<typeof PrimaryContactSchema>;

export const HeldCompetencySchema = z.object({
  id: oneLineText(80).pipe(z.string().min(1)),
  level: CompetencyLevelSchema,
});
export type HeldCompetency = z.infer<typeof HeldCompetencySchema>;

/**
 * A competency the catalog does not describe, recorded by its name: the guide's rules for every
 * competency (customer evidence, technical credentials) still apply to it, shown as general rules.
 */
export const OtherCompetencySchema = z.object({
  name: oneLineText(120).pipe(z.string().min(1, { message: 'is required' })),
  level: CompetencyLevelSchema,
});
export type OtherCompetency = z.infer<typeof OtherCompetencySchema>;

export const CustomerReferenceSchema = z.object({
  customer: name,
  competency: oneLineText(80).pipe(z.string().min(1)),
  approvedOn: PlainDateSchema,
});
export type CustomerReference = z.infer<typeof CustomerReferenceSchema>;

export const CertificationSchema = z.object({
  person: name,
  exam: oneLineText(40).pipe(z.string().min(1)),
  passedOn: PlainDateSchema,
});
export type Certification = z.infer<typeof CertificationSchema>;

/** The profile fields a person edits; the tenant and the admins are set by the bot, not typed in. */
export const OrganizationProfileSchema = z.object({
  name,
  partnerId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, { message: 'must be the partner id shown in the partner portal' }),
  anniversaryDate: PlainDateSchema,
  timeZone: TimeZoneSchema.default('UTC'),
  primaryContact: PrimaryContactSchema,
  competencies: z.array(HeldCompetencySchema).max(50).default([]),
  /** Competencies outside the catalog; a customer reference names one by its name. */
  otherCompetencies: z.array(OtherCompetencySchema).max(50).default([]),
  customerReferences: z.array(CustomerReferenceSchema).max(500).default([]),
  certifications: z.array(CertificationSchema).max(2000).default([]),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfileSchema>;

export const OrganizationSchema = OrganizationProfileSchema.extend({
  tenantId: DirectoryIdSchema,
  admins: z.array(DirectoryIdSchema).max(100).default([]),
  /**
   * Display names of admins as Teams gave them when they became admins, for the Admins card; an
   * admin without one (imported by id) shows by name when Teams lists them, else by id.
   */
  adminNames: z
    .record(DirectoryIdSchema, oneLineText(200))
    .refine((names) => Object.keys(names).length <= 100, { message: 'must name at most 100 admins' })
    .optional(),
  /**
   * Renewals marked done since `anniversaryDate` was entered: the current cycle's anniversary is
   * that many years later. Counting, rather than moving the date, keeps a 29 February anniversary
   * on the 29th in leap years.
   */
  renewedCycles: z.number().int().min(0).max(500).default(0),
  /**
   * The anniversary of a cycle someone said was not renewed ("We did not renew"): that cycle's
   * reminders stop, and it is not assumed renewed. It counts only while it is the anniversary of
   * cycle `renewedCycles` (rules/cycle/cycle.ts), so a new anniversary in the profile ends it.
   */
  notRenewedCycle: PlainDateSchema.optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** Competency ids must exist in the catalog; problems are reported with their field path. */
export interface CatalogVocabulary {
  hasCompetency(id: string): boolean;
}

/** Adds the catalog checks (known competencies, no competency twice) to a profile-shaped schema. */
export function withCatalogChecks<T extends z.ZodType<OrganizationProfile>>(schema: T, catalog: CatalogVocabulary) {
  return schema.superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.competencies.forEach((held, index) => {
      if (!catalog.hasCompetency(held.id)) {
        ctx.addIssue({ code: 'custom', path: ['competencies', index, 'id'], message: `unknown competency "${held.id}"` });
      } else if (seen.has(held.id)) {
        ctx.addIssue({ code: 'custom', path: ['competencies', index, 'id'], message: `"${held.id}" is listed twice` });
      }
      seen.add(held.id);
    });
    const otherNames = new Set<string>();
    profile.otherCompetencies.forEach((other, index) => {
      const key = otherCompetencyKey(other.name);
      if (otherNames.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['otherCompetencies', index, 'name'], message: `"${other.name}" is listed twice` });
      }
      otherNames.add(key);
    });
    profile.customerReferences.forEach((reference, index) => {
      if (!catalog.hasCompetency(reference.competency) && !otherNames.has(otherCompetencyKey(reference.competency))) {
        ctx.addIssue({
          code: 'custom',
          path: ['customerReferences', index, 'competency'],
          message: `unknown competency "${reference.competency}"`,
        });
      }
    });
  });
}

/** How a competency outside the catalog is matched: its name, case and spacing ignored. */
export function otherCompetencyKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The id of a competency outside the catalog on cards and buttons: this, then its name's key. */
export const OTHER_ID_PREFIX = 'other:';

/** The name key of a competency outside the catalog named by its card id; undefined for a catalog id. */
export function otherKeyOfId(competencyId: string): string | undefined {
  return competencyId.startsWith(OTHER_ID_PREFIX) ? competencyId.slice(OTHER_ID_PREFIX.length) : undefined;
}
