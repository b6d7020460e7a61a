/** The confirmation shown after the profile is saved: what the bot now knows. */
import type { Catalog } from '../catalog/catalog.js';
import { anniversaryOfCycle } from '../cycle/cycle.js';
import type { Organization } from '../organization/organization.js';
import { joinedWithMore } from '../common/paging.js';
import { longDate } from '../common/plain-date.js';
import { QUESTION_SUGGESTIONS, SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import { escapeMarkdown } from '../common/markdown.js';

export interface ProfileSavedView {
  title: string;
  organizationName: string;
  facts: { title: string; value: string }[];
  suggestions: Suggestion[];
}

export function profileSavedView(org: Organization, catalog: Catalog): ProfileSavedView {
  const level = (value: string) => (value === 'gold' ? 'Gold' : 'Silver');
  // The first ten by name, then how many more: 55 names of up to 120 characters would crowd the card.
  const competencies = joinedWithMore(
    [
      ...org.competencies.map((held) => `${catalog.competency(held.id)?.name ?? held.id} (${level(held.level)})`),
      ...org.otherCompetencies.map((other) => `${escapeMarkdown(other.name)} (${level(other.level)}, general rules)`),
    ],
    ', ',
    10,
  );
  return {
    title: 'Profile saved',
    organizationName: escapeMarkdown(org.name),
    facts: [
      { title: 'Partner id', value: escapeMarkdown(org.partnerId) },
      { title: 'Anniversary', value: longDate(anniversaryOfCycle(org)) },
      { title: 'Time zone', value: org.timeZone },
      { title: 'Primary Program Contact', value: escapeMarkdown(`${org.primaryContact.name} (${org.primaryContact.email})`) },
      { title: 'Competencies', value: competencies || 'None yet' },
      { title: 'Customer references', value: String(org.customerReferences.length) },
      { title: 'Certifications', value: String(org.certifications.length) },
    ],
    suggestions: [SUGGESTIONS.daysLeft, ...QUESTION_SUGGESTIONS, SUGGESTIONS.admins],
  };
}
