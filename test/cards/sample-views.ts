import type { KindAndPayload } from '../../src/rules/reminders/payloads.js';
import { recordedView, supersededView } from '../../src/rules/reminders/message-updates.js';
import { calendarLinkView as buildCalendarLinkView } from '../../src/rules/calendar/link-view.js';
import { checklistView as buildChecklistView } from '../../src/rules/checklist/checklist.js';
import { adminsView as buildAdminsView } from '../../src/rules/people/admins-view.js';
import type { Member } from '../../src/rules/people/admins.js';
import { callsView } from '../calendar/sample-calls-view.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { reminderView as buildReminderView, type ReminderView } from '../../src/rules/reminders/view.js';
import { personalReminderView as buildPersonalReminderView } from '../../src/rules/reminders/personal-view.js';
import { contactUnreachableNote } from '../../src/rules/reminders/personal.js';
import { REMINDER_KINDS, type ReminderKind } from '../../src/rules/reminders/plan.js';
import type { Suggestion } from '../../src/rules/questions/suggestions.js';
import type { NoticeView } from '../../src/rules/questions/notice-view.js';
import { cycleGauge } from '../../src/rules/cycle/charts.js';
import { evidenceChart } from '../../src/rules/requirements/lines.js';
import { evidenceListView, type EvidenceListView } from '../../src/rules/requirements/evidence-lists.js';

/**
 * Realistic view models for every card, shared by the card tests and by conversation tests.
 * Dates are consistent with each other: today 2026-12-05, anniversary 2027-02-28 (85 days left).
 * The organization name carries markup, quotes and a literal `${...}` to prove that bound data is
 * never evaluated as a template expression.
 */
import type { CardViews } from '../../src/cards/render-card.js';
import type { WelcomeView } from '../../src/rules/help/welcome.js';
import type { SupportView } from '../../src/rules/help/support.js';
import type { SetupFormValues, SetupFormView } from '../../src/rules/setup/profile-form.js';
import type { RequirementsView } from '../../src/rules/requirements/requirements.js';
import type { ProfileSavedView } from '../../src/rules/setup/profile-saved.js';
import type { ErrorView } from '../../src/rules/help/error-view.js';
import type { ContactView } from '../../src/rules/people/contact.js';
import type { CompetencyRequirementsView } from '../../src/rules/requirements/general.js';
import type { AnniversaryView } from '../../src/rules/cycle/anniversary-view.js';

export const trickyOrganizationName = 'Contoso & Sons <EMEA> "Cloud" ${organizationName} $5';

export const longBlocker =
  'The customer reference for Fabrikam (approved 2025-01-20) expires on 2027-01-20, before your anniversary on ' +
  'February 28, 2027. Submit a new reference for Cloud Platform soon: approval can take several weeks, and an ' +
  'expired reference delays the whole renewal even when every other requirement is met. Ask the customer early, ' +
  'keep the project dates at hand, and check the reference status in the Partner Membership Center each week.';

const questionSuggestions: Suggestion[] = [
  { title: 'Days until renewal', data: { ask: 'anniversary' } },
  { title: 'Requirements', data: { ask: 'requirements' } },
  { title: 'Who can renew?', data: { ask: 'contact' } },
  { title: 'Get help', data: { ask: 'support' } },
];

export const welcomeView: WelcomeView = {
  title: 'Renewal Bot',
  intro: 'I help your organization renew its partner-program membership and competencies on time.',
  remindersNote: 'Reminders go to one channel.',
  isSetUp: true,
  setupHint: 'Type "setup" to change your organization profile.',
  suggestions: questionSuggestions,
};

export const welcomeNotUnderstoodView: WelcomeView = {
  title: 'Renewal Bot',
  intro: 'I help your organization renew its partner-program membership and competencies on time.',
  remindersNote: 'Reminders go to one channel.',
  isSetUp: false,
  setupHint: 'Start with "setup": I need your anniversary date and your Primary Program Contact.',
  notUnderstood: 'Sorry, I did not understand "renw <now> & $$$". Here is what I can do.',
  suggestions: [{ title: 'Set up', data: { ask: 'setup' } }],
};

export const anniversaryView: AnniversaryView = {
  organizationName: trickyOrganizationName,
  phase: 'renewal-open',
  phaseLabel: 'Renewal window open',
  phaseStyle: 'good',
  headline: '85 days until your membership anniversary',
  anniversaryDate: '2027-02-28',
  anniversaryLabel: 'February 28, 2027',
  daysLeft: 85,
  daysOverdue: 0,
  leapDayNote: '',
  facts: [
    { title: 'Membership expires', value: 'February 28, 2027 (anniversary date)' },
    { title: 'Renewal window opened', value: 'November 30, 2026' },
    { title: 'Finishing early is recommended by', value: 'February 14, 2027 (two weeks before)' },
    { title: 'Today', value: 'December 5, 2026 (Europe/Berlin)' },
  ],
  standingNote: '',
  nextSteps: [
    'Review the requirements of each competency you hold.',
    'Read the notifications in the Partner Membership Center.',
    'Book time for technical exams and assessments.',
    'Budget for competency and exam fees.',
  ],
  programNotices: ['Microsoft emails the Primary Program Contact about the renewal.'],
  cycleGauge: cycleGauge({ anniversary: '2027-02-28', phase: 'renewal-open', daysLeft: 85, daysOverdue: 0, windowOpens: '2026-11-30', finishBy: '2027-02-14' }),
  suggestions: questionSuggestions,
};

export const anniversaryExpiredView: AnniversaryView = {
  ...anniversaryView,
  phase: 'expired',
  phaseLabel: 'Membership expired',
  phaseStyle: 'attention',
  headline: 'Your membership anniversary passed 3 days ago',
  daysLeft: 0,
  daysOverdue: 3,
  facts: [
    { title: 'Membership expired', value: 'February 28, 2027 (anniversary date)' },
    { title: 'Today', value: 'March 3, 2027 (Europe/Berlin)' },
  ],
  standingNote: 'Did you renew? Tell the bot below.',
  nextSteps: [],
  programNotices: [],
  cycleGauge: cycleGauge({ anniversary: '2027-02-28', phase: 'expired', daysLeft: -3, daysOverdue: 3, windowOpens: '2026-11-30', finishBy: '2027-02-14' }),
  suggestions: [],
};

const cloudPlatform: CompetencyRequirementsView = {
  competencyId: 'cloud-platform',
  detailsId: 'competency-details-1',
  statusLabel: '2 blockers (numbers to confirm)',
  unchecked: ['performance'],
  countsToConfirm: true,
  chart: evidenceChart({ counting: 2, needed: 3, toConfirm: true }, { counting: 1, needed: 2, toConfirm: false }),
  title: 'Cloud Platform',
  focus: 'Infrastructure and SaaS solutions on Azure',
  levelLabel: 'Gold (held)',
  held: true,
  ready: false,
  summary: '2 requirements still block the renewal.',
  blockers: [longBlocker, 'Only 1 of the 2 required certified professionals has passed exam 70-533.'],
  lines: [
    { label: 'Customer references', detail: '2 of 3 valid on your anniversary', status: 'blocker', statusLabel: 'Blocks renewal' },
    { label: 'Certified professionals', detail: '1 of 2 passed 70-533', status: 'blocker', statusLabel: 'Blocks renewal' },
    { label: 'Azure consumption', detail: 'Measured by active use, not seats sold', status: 'info', statusLabel: 'Check portal' },
    { label: 'Customer Satisfaction (CSAT)', detail: 'No longer required for Gold from 2016', status: 'met', statusLabel: 'Not needed' },
  ],
  general: false,
  generalNote: '',
  risks: ['Fabrikam reference expires on January 10, 2027, before the anniversary: it may delay the renewal'],
  riskCount: 1,
  evidenceLinks: [{ title: 'All 12 certified people', data: { ask: 'evidence', competencyId: 'cloud-platform', list: 'certified' } }],
  requirementsUrl: 'https://partner.example.com/competencies/cloud-platform',
  requirementsLinkTitle: 'Official requirements (address to confirm)',
};

const cloudProductivity: CompetencyRequirementsView = {
  competencyId: 'cloud-productivity',
  detailsId: 'competency-details-2',
  statusLabel: 'No blockers found; performance not checked',
  unchecked: ['performance'],
  countsToConfirm: false,
  chart: evidenceChart({ counting: 3, needed: 3, toConfirm: false }, { counting: 2, needed: 1, toConfirm: false }),
  title: 'Cloud Productivity',
  focus: 'Office 365 deployments for enterprise customers',
  levelLabel: 'Silver (held)',
  held: true,
  ready: true,
  summary: 'Everything needed for the renewal is in place.',
  blockers: [],
  lines: [
    { label: 'Customer references', detail: '3 of 3 valid on your anniversary', status: 'met', statusLabel: 'Met' },
    { label: 'Certified professionals', detail: '2 of 1 passed 70-347', status: 'met', statusLabel: 'Met' },
  ],
  general: false,
  generalNote: '',
  risks: [],
  riskCount: 0,
  evidenceLinks: [],
  requirementsUrl: 'https://partner.example.com/competencies/cloud-productivity',
  requirementsLinkTitle: 'Official requirements',
};

const generalCompetency: CompetencyRequirementsView = {
  ...cloudProductivity,
  competencyId: 'other:datacenter',
  detailsId: 'competency-details-3',
  chart: null,
  title: 'Datacenter',
  statusLabel: 'No blockers found; technical credentials not checked',
  unchecked: ['technical credentials'],
  general: true,
  generalNote: 'General rules: this competency is not in the catalog.',
  requirementsUrl: '',
  requirementsLinkTitle: '',
};

const crossChanges = [
  {
    title: 'Performance measured by active use',
    detail: 'Cloud competencies count active use and consumption instead of seats sold and revenue.',
    effectiveLabel: 'Since mid-2015',
    appliesLabel: 'Applies to: Cloud Platform, Cloud Productivity',
  },
  {
    title: 'No Customer Satisfaction (CSAT) requirement for Gold',
    detail: 'A renewal assessed on or after January 1, 2016 no longer needs CSAT.',
    effectiveLabel: 'From January 1, 2016',
    appliesLabel: 'Applies to: Cloud Platform (Gold)',
  },
];

export const requirementsView: RequirementsView = {
  organizationName: trickyOrganizationName,
  anniversaryLabel: 'February 28, 2027',
  headline: 'Renewal requirements for 2 competencies',
  scopeNote: 'The bot checks customer references and certified people against the numbers needed. It does not check the performance of Cloud Platform and Cloud Productivity, nor the technical credentials of Datacenter: see each one\'s page.',
  riskNote: '1 customer reference expires by the anniversary: an expiring reference may delay your renewal even if you have met all other requirements.',
  everyCompetencyRules: ['Customer evidence is required for every competency.', 'Technical credentials are required for every competency.'],
  hasCompetencies: true,
  emptyHint: 'You have not listed any competencies yet. Type "setup" to add them.',
  partnerCenterNote: 'Within 90 days the Primary Program Contact can also see the requirements in the Partner Membership Center.',
  competencies: [cloudPlatform, cloudProductivity, generalCompetency],
  changesToggleTitle: 'What changed in 2015–2016',
  credentialsToggleTitle: 'For every competency',
  credentialsTitle: 'For every competency',
  credentialsNote: 'Start early with your technical team.',
  credentialLinks: [
    { title: 'Exams and certifications (address to confirm)', url: 'https://learning.example.com/exams' },
    { title: 'IT training by technology', url: 'https://learning.example.com/training' },
  ],
  changesTitle: 'Changes that apply across competencies',
  changesNote: 'Announced at WPC 2015.',
  whatsNewLink: { title: 'What\'s new', url: 'https://partner.example.com/whats-new' },
  changes: crossChanges,
  feesNote: 'Budget ahead for any applicable competency fees or exam fees.',
  thresholdsNote: 'Thresholds come from the requirements catalog; the partner portal has the final word.',
  catalogVersion: '2016.1',
};

export const requirementsEmptyView: RequirementsView = {
  ...requirementsView,
  headline: 'No competencies to renew',
  hasCompetencies: false,
  competencies: [],
  changes: [],
};

/**
 * A heavy but possible card: all five cloud competencies, 4 lines (performance, evidence, credentials,
 * CSAT: the most a gold cloud competency has) and 2 blockers (one long) each, with a reference at risk.
 * Close to Teams' 28 KB message limit: the size test guards the margin (a real card that would not fit
 * asks for each competency's details instead, see test/bot/requirements-fit.test.ts).
 */
export const requirementsAllCompetenciesView: RequirementsView = {
  ...requirementsView,
  headline: 'Renewal requirements for 5 competencies',
  competencies: [
    ['cloud-platform', 'Cloud Platform'],
    ['small-midmarket-cloud-solutions', 'Small and Midmarket Cloud Solutions'],
    ['cloud-productivity', 'Cloud Productivity'],
    ['cloud-crm', 'Cloud Customer Relationship Management'],
    ['enterprise-mobility-management', 'Enterprise Mobility Management'],
  ].map(([competencyId, title], index) => ({
    ...cloudPlatform,
    competencyId: competencyId ?? '',
    detailsId: `competency-details-${index + 1}`,
    title: title ?? '',
    requirementsUrl: `https://partner.example.com/competencies/${competencyId}`,
  })),
};

export const contactView: ContactView = {
  organizationName: trickyOrganizationName,
  contactName: 'Ana Müller-O\'Brien',
  contactEmail: 'ana.mueller@contoso.example',
  askerIsContact: false,
  headline: 'Ana Müller-O\'Brien can renew your membership',
  authorityNote: '',
  explanation:
    'The Primary Program Contact manages the renewal in the Partner Membership Center. Share the renewal guide with them.',
  nextSteps: ['Send Ana the renewal guide.', 'Agree on a date to finish two weeks before the anniversary.'],
  suggestions: [],
  mailto:
    'mailto:ana.mueller@contoso.example?subject=Partner%20membership%20renewal&body=Our%20anniversary%20is%20February%2028%2C%202027.',
};

export const supportView: SupportView = {
  title: 'Getting help with the renewal',
  steps: [
    'Open the support page of the partner portal.',
    'Check the top partner questions first.',
    'Open a request with the program support team, quoting your partner ID.',
  ],
  signInTitle: 'Cannot sign in?',
  signInSteps: ['Sign in with the Microsoft account (formerly Live ID) of your membership.', 'Follow the sign-in troubleshooting suggestions.'],
  supportUrl: 'https://partner.example.com/support',
  signInHelpUrl: 'https://partner.example.com/support/sign-in',
  supportLinkTitle: 'Open partner support (address to confirm)',
  signInHelpLinkTitle: 'Sign-in troubleshooting',
};

const emptyValues: SetupFormValues = {
  otherCompetencies: '',
  name: '',
  partnerId: '',
  anniversaryDate: '',
  timeZone: 'UTC',
  contactName: '',
  contactEmail: '',
  contactAadObjectId: '',
  customerReferences: '',
  certifications: '',
};

const competencyChoices = [
  ['cloud-platform', 'Cloud Platform', 'gold'],
  ['small-midmarket-cloud-solutions', 'Small and Midmarket Cloud Solutions', 'none'],
  ['cloud-productivity', 'Cloud Productivity', 'silver'],
  ['cloud-crm', 'Cloud Customer Relationship Management', 'none'],
  ['enterprise-mobility-management', 'Enterprise Mobility Management', 'none'],
].map(([id, title, level]) => ({ inputId: `competency-${id}`, title: title ?? '', level: level ?? 'none' }));

/** Every field present with an empty message, as the rules send it when nothing is wrong. */
const noErrors: Record<string, string> = Object.fromEntries(
  [...Object.keys(emptyValues), ...competencyChoices.map((choice) => choice.inputId)].map((key) => [key, '']),
);

export const setupFormView: SetupFormView = {
  title: 'Set up your organization',
  intro: 'Tell me about your membership so I can remind you before the renewal window opens.',
  isEdit: false,
  values: emptyValues,
  competencies: competencyChoices.map((choice) => ({ ...choice, level: 'none' })),
  levelChoices: [
    { title: 'Not held', value: 'none' },
    { title: 'Silver', value: 'silver' },
    { title: 'Gold', value: 'gold' },
  ],
  errors: noErrors,
  formError: '',
  anniversaryNote: '',
  listNotes: { otherCompetencies: '', customerReferences: '', certifications: '' },
  listPages: { otherCompetencies: [], customerReferences: [], certifications: [] },
  submitVerb: 'profile.save',
  submitData: { form: 'profile' },
};

/** A long profile's form: its references shown from line 41, 40 at a time, the certifications from the first. */
export const setupFormInPartView: SetupFormView = {
  ...setupFormView,
  title: 'Edit Contoso Ltd',
  isEdit: true,
  values: { ...emptyValues, customerReferences: 'Fabrikam; cloud-platform; 2025-01-20', certifications: 'Ana Müller; 70-533; 2024-05-10' },
  listNotes: {
    otherCompetencies: '',
    customerReferences: 'References 41–80 of 500 are shown: what you change here replaces those lines only, and the other 460 are kept as they are.',
    certifications: 'Certifications 1–40 of 2000 are shown: what you change here replaces those lines only, and the other 1960 are kept as they are.',
  },
  listPages: {
    otherCompetencies: [],
    customerReferences: [
      { title: 'Previous references', data: { ask: 'setup', lines: { otherCompetencies: 0, customerReferences: 0, certifications: 0 } } },
      { title: 'Next references', data: { ask: 'setup', lines: { otherCompetencies: 0, customerReferences: 80, certifications: 0 } } },
    ],
    certifications: [{ title: 'Next certifications', data: { ask: 'setup', lines: { otherCompetencies: 0, customerReferences: 40, certifications: 40 } } }],
  },
  submitData: {
    form: 'profile',
    windows: { customerReferences: { from: 40, count: 40, total: 500, fingerprint: '0123abcd' }, certifications: { from: 0, count: 40, total: 2000, fingerprint: '89abcdef' } },
  },
};

export const setupFormWithErrorsView: SetupFormView = {
  ...setupFormView,
  title: 'Edit your organization',
  isEdit: true,
  values: {
    ...emptyValues,
    name: trickyOrganizationName,
    partnerId: '4123456',
    anniversaryDate: '2027-02-28',
    timeZone: 'Europe/Berlin',
    contactName: 'Ana Müller-O\'Brien',
    contactEmail: 'ana at contoso',
    customerReferences: 'Fabrikam; cloud-platform; 2025-01-20\nNorthwind; cloud-productivity; 2025-11-02',
    certifications: 'Ana Müller; 70-533; 2024-05-10',
  },
  competencies: competencyChoices,
  errors: {
    ...noErrors,
    contactEmail: 'Primary Program Contact email must be an email address',
    'competency-cloud-crm': 'Cloud CRM is listed twice',
  },
  formError: 'Please fix 2 fields below.',
};

export const profileSavedView: ProfileSavedView = {
  title: 'Profile saved',
  organizationName: trickyOrganizationName,
  facts: [
    { title: 'Anniversary', value: 'February 28, 2027' },
    { title: 'Primary Program Contact', value: 'Ana Müller-O\'Brien' },
    { title: 'Competencies', value: 'Cloud Platform (Gold), Cloud Productivity (Silver)' },
    { title: 'Customer references', value: '2' },
  ],
  suggestions: questionSuggestions,
};

export const errorView: ErrorView = {
  title: 'Something went wrong',
  message: 'I could not finish that. Please try again in a minute; if it keeps happening, contact your administrator.',
  code: 'storage.unavailable',
};

/** Reminder cards as the rules word them, one per kind. */
export const reminderViews: Record<ReminderKind, ReminderView> = Object.fromEntries(
  REMINDER_KINDS.map((kind) => [
    kind,
    buildReminderView({ ...samplePayload(kind), organizationName: trickyOrganizationName, anniversary: '2027-02-28', today: '2026-11-30' }, defaultCatalog()),
  ]),
) as Record<ReminderKind, ReminderView>;

export const noticeView: NoticeView = {
  title: 'Reminders will be posted here',
  message: 'Renewal reminders for Contoso will appear in this channel from now on.',
  suggestions: questionSuggestions,
};

/** The checklist as the rules build it, one item ticked. */
export const checklistSampleView = buildChecklistView({
  org: {
    tenantId: 'tenant-a', name: trickyOrganizationName, partnerId: '1', anniversaryDate: '2027-02-28', timeZone: 'UTC', renewedCycles: 0,
    primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example' }, admins: [],
    competencies: [{ id: 'cloud-platform', level: 'gold' }],
    otherCompetencies: [],
    customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }],
    certifications: [],
  },
  tenantId: 'tenant-a',
  cycle: '2027-02-28',
  currentCycle: '2027-02-28',
  today: '2026-12-01',
  ticks: [
    { itemId: 'window-open:budget-fees', done: true, changedByName: 'Alex Wilber', changedById: 'user-1', changedAt: '2026-12-01T13:00:00Z' },
    // Ticked, then unticked: an unticked item says nobody's name.
    { itemId: 'window-open:schedule-exams', done: false, changedByName: 'Megan Bowen', changedById: 'user-2', changedAt: '2026-12-01T14:00:00Z' },
  ],
  catalog: defaultCatalog(),
  readerZone: 'Europe/Berlin',
  refreshUserIds: ['user-1'],
});

/** The calendar link on the card that made it, and the card every later request gets. */
export const calendarLinkMadeView = buildCalendarLinkView({
  organizationName: trickyOrganizationName,
  timeZone: 'Europe/Berlin',
  link: { url: `https://bot.example.com/calendar/${'0a'.repeat(32)}/renewal.ics`, rotated: false },
  mayRotate: false,
});
export const calendarLinkExistsView = buildCalendarLinkView({
  organizationName: trickyOrganizationName,
  timeZone: 'Europe/Berlin',
  link: { createdAt: '2026-11-02T23:30:00Z' },
  mayRotate: true,
});

const personalSampleOrg = {
  tenantId: 'tenant-a', name: trickyOrganizationName, partnerId: '1', anniversaryDate: '2027-02-28', timeZone: 'UTC', renewedCycles: 0,
  primaryContact: { name: 'Megan <Bowen>', email: 'megan@contoso.example', aadObjectId: 'aad-megan' }, admins: [],
  competencies: [{ id: 'cloud-platform', level: 'gold' as const }],
  otherCompetencies: [],
  customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }],
  certifications: [],
};

/** Personal reminders as the rules word them: two weeks before with work open, and expired. */
export const personalReminderViews = {
  twoWeeks: buildPersonalReminderView(
    {
      org: personalSampleOrg,
      reminder: buildReminderView({ kind: 'two-weeks', payload: {}, organizationName: trickyOrganizationName, anniversary: '2027-02-28', today: '2027-02-14' }, defaultCatalog()),
      kind: 'two-weeks',
      cycle: '2027-02-28',
      today: '2027-02-14',
      ticks: [{ itemId: 'two-weeks:finish-renewal', done: true, changedByName: 'Megan', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' }],
    },
    defaultCatalog(),
  ),
  expired: buildPersonalReminderView(
    {
      org: personalSampleOrg,
      reminder: reminderViews.expired,
      kind: 'expired',
      cycle: '2027-02-28',
      today: '2027-03-01',
      ticks: [],
    },
    defaultCatalog(),
  ),
};

/** A channel reminder while the contact cannot be reached personally. */
export const reminderWithContactNoteView: ReminderView = {
  ...reminderViews['two-weeks'],
  contactNote: contactUnreachableNote(personalSampleOrg.primaryContact, 'HTTP 403: Teams refused the message'),
};
export const supersededNoteView = supersededView({ kind: 'window-open', subject: '' }, '2026-11-30', { kind: 'two-weeks', subject: '' }, '2027-02-14');
export const recordedNoteView = recordedView({ anniversary: '2027-02-28', byName: trickyOrganizationName, on: '2027-02-20' });

/** The second page of a competency's references that may delay the renewal. */
export const evidenceListSampleView: EvidenceListView = evidenceListView({
  organizationName: trickyOrganizationName,
  competencyId: 'cloud-platform',
  list: 'may-delay',
  evidence: {
    competencyTitle: 'Cloud Platform',
    items: Array.from({ length: 12 }, (_, index) => `Customer ${index + 1} reference expires on January ${index + 1}, 2027, before the anniversary: it may delay the renewal`),
  },
  anniversary: '2027-02-28',
  page: { anchor: { from: 5 }, count: 5 },
});

const adminsSampleOrg = {
  ...personalSampleOrg,
  name: trickyOrganizationName,
  admins: ['aad-megan', 'aad-imported'],
  adminNames: { 'aad-megan': 'Megan Bowen' },
};
/** A team of 150 who could be admins (more than the card offers), a guest and an admin among them. */
const sampleMembers: Member[] = [
  ...Array.from({ length: 150 }, (_, index) => ({ aadObjectId: `aad-person-${index}`, name: `Person ${index} ${trickyOrganizationName}`, emails: [`person.${index}@contoso.example`], role: 'user' })),
  { aadObjectId: 'aad-guest', name: 'Guest Person', emails: ['guest@fabrikam.example'], role: 'guest' },
  { aadObjectId: 'aad-megan', name: 'Megan Bowen', emails: ['megan@contoso.example'], role: 'user' },
];
export const adminsSampleView = buildAdminsView({ org: adminsSampleOrg, viewer: { aadObjectId: 'aad-megan' }, members: sampleMembers, scope: 'channel', notice: { added: 'Alex Wilber' } });
export const adminsReadOnlyView = buildAdminsView({ org: { ...adminsSampleOrg, admins: ['aad-megan'] }, viewer: { aadObjectId: 'aad-someone' }, members: undefined, scope: 'personal' });
export const adminsLastAdminView = buildAdminsView({
  org: { ...adminsSampleOrg, admins: ['aad-megan'] },
  viewer: { aadObjectId: 'aad-megan' },
  members: [],
  scope: 'personal',
  notice: { refused: 'last-admin', name: 'Megan Bowen' },
});

/** One typical view per card, keyed like the templates. */
export const sampleViews: CardViews = {
  welcome: welcomeView,
  anniversary: anniversaryView,
  requirements: requirementsView,
  contact: contactView,
  support: supportView,
  'setup-form': setupFormView,
  'profile-saved': profileSavedView,
  error: errorView,
  reminder: reminderViews['window-open'],
  notice: noticeView,
  checklist: checklistSampleView,
  'evidence-list': evidenceListSampleView,
  calls: callsView,
  'calendar-link': calendarLinkMadeView,
  'message-note': supersededNoteView,
  admins: adminsSampleView,
};

function samplePayload(kind: ReminderKind): KindAndPayload {
  if (kind === 'reference-expiring') return { kind, payload: { customer: 'Fabrikam', competency: 'cloud-platform', expiresOn: '2027-01-10' } };
  if (kind === 'requirements-changed') return { kind, payload: { competencyId: 'cloud-platform', level: 'gold', changes: ['Customer references needed: 5 → 6', 'Exams now accepted: 70-535'] } };
  return { kind, payload: {} };
}
