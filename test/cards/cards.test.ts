import { describe, expect, it } from 'vitest';
import { requirementsAsList, requirementsWithDetailsOnRequest } from '../../src/rules/requirements/requirements.js';
import { type CardAttachment, type CardName, type CardViews, cardNames, compiledCardNames, loadCardTemplates, renderCard, renderCardWithLibrary } from '../../src/cards/render-card.js';
import { cardText } from './card-text.js';
import { elements, sdkProblems, type Json } from './card-inspection.js';
import * as samples from './sample-views.js';
import { callsAllPastView, callsView } from '../calendar/sample-calls-view.js';


function sample<K extends CardName>(label: string, name: K, view: CardViews[K]) {
  return { label, name, render: () => renderCard(name, view), reference: () => renderCardWithLibrary(name, view) };
}

const cases = [
  sample('welcome', 'welcome', samples.welcomeView),
  sample('welcome, not understood and not set up', 'welcome', samples.welcomeNotUnderstoodView),
  sample('anniversary, window open', 'anniversary', samples.anniversaryView),
  sample('anniversary, expired without steps or suggestions', 'anniversary', samples.anniversaryExpiredView),
  sample('requirements', 'requirements', samples.requirementsView),
  sample('requirements, no competencies', 'requirements', samples.requirementsEmptyView),
  sample('requirements, all five competencies', 'requirements', samples.requirementsAllCompetenciesView),
  sample('requirements, details on request', 'requirements', requirementsWithDetailsOnRequest(samples.requirementsAllCompetenciesView)),
  sample('requirements, as a list to choose from', 'requirements', requirementsAsList(samples.requirementsAllCompetenciesView)),
  sample('contact', 'contact', samples.contactView),
  sample('support', 'support', samples.supportView),
  sample('setup form, new', 'setup-form', samples.setupFormView),
  sample('setup form, with errors', 'setup-form', samples.setupFormWithErrorsView),
  sample('setup form, long lists shown in part', 'setup-form', samples.setupFormInPartView),
  sample('profile saved', 'profile-saved', samples.profileSavedView),
  sample('error', 'error', samples.errorView),
  ...Object.entries(samples.reminderViews).map(([kind, view]) => sample(`reminder, ${kind}`, 'reminder', view)),
  sample('reminder, contact not reached', 'reminder', samples.reminderWithContactNoteView),
  sample('personal reminder, two weeks with work open', 'reminder', samples.personalReminderViews.twoWeeks),
  sample('personal reminder, expired', 'reminder', samples.personalReminderViews.expired),
  sample('notice', 'notice', samples.noticeView),
  sample('checklist', 'checklist', samples.checklistSampleView),
  sample('evidence list, a middle page', 'evidence-list', samples.evidenceListSampleView),
  sample('calls', 'calls', callsView),
  sample('calls, all past', 'calls', callsAllPastView),
  sample('checklist, earlier cycle', 'checklist', { ...samples.checklistSampleView, readOnly: true, note: 'Kept for reference.' }),
  sample('calendar link, just made', 'calendar-link', samples.calendarLinkMadeView),
  sample('calendar link, made earlier', 'calendar-link', samples.calendarLinkExistsView),
  sample('message note, superseded', 'message-note', samples.supersededNoteView),
  sample('message note, renewal recorded', 'message-note', samples.recordedNoteView),
  sample('admins, a change made, a team to choose from', 'admins', samples.adminsSampleView),
  sample('admins, read-only', 'admins', samples.adminsReadOnlyView),
  sample('admins, the last one refused', 'admins', samples.adminsLastAdminView),
];

function textBlocks(attachment: CardAttachment): Json[] {
  return elements(attachment.content).filter((element) => element.type === 'TextBlock');
}


describe('card templates', () => {
  it('compile at start-up', () => {
    expect(() => loadCardTemplates()).not.toThrow();
    expect(new Set(cases.map((entry) => entry.name))).toEqual(new Set(cardNames));
  });

  it('are checked by an SDK check that does report problems', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', color: 'red' }, { type: 'Bogus' }] };
    expect(sdkProblems(broken)).toHaveLength(2);
  });

  it('all render through their compiled form', () => {
    expect(new Set(compiledCardNames())).toEqual(new Set(cardNames));
  });

  describe.each(cases)('$label', ({ render, reference }) => {
    it('renders exactly what adaptivecards-templating makes of the template', () => {
      expect(render().content).toEqual(reference().content);
    });

    it('binds every field (no ${ left except the literal organization name)', () => {
      const literal = JSON.stringify(samples.trickyOrganizationName).slice(1, -1); // as escaped inside JSON
      const json = JSON.stringify(render().content).split(literal).join('');
      expect(json).not.toContain('${');
    });

    it('is an Adaptive Card 1.5 the official SDK parses without warnings', () => {
      const attachment = render();
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(sdkProblems(attachment.content)).toEqual([]);
    });

    it('shows only text, never raw numbers or booleans', () => {
      for (const block of textBlocks(render())) expect(typeof block.text).toBe('string');
    });

    it('fits in a Teams message (under 28 KB)', () => {
      expect(Buffer.byteLength(JSON.stringify(render()))).toBeLessThan(28 * 1024);
    });
  });
});

describe('what users see', () => {
  it('prints user text literally, even when it looks like a template expression', () => {
    const text = cardText(renderCard('anniversary', samples.anniversaryView));
    expect(text).toContain('Contoso & Sons <EMEA> "Cloud" ${organizationName} $5');
  });

  it('welcome: puts the not-understood message first and turns suggestions into question buttons with plain data', () => {
    const card = renderCard('welcome', samples.welcomeNotUnderstoodView);
    expect(textBlocks(card)[0]?.text).toBe(samples.welcomeNotUnderstoodView.notUnderstood);
    expect(cardText(card)).toContain(samples.welcomeNotUnderstoodView.setupHint);
    expect(card.content.actions).toEqual([{ type: 'Action.Submit', title: 'Set up', data: { ask: 'setup' } }]);
  });

  it('welcome: leaves out the not-understood line and the setup hint once set up', () => {
    const card = renderCard('welcome', samples.welcomeView);
    expect(textBlocks(card)[0]?.text).toBe(samples.welcomeView.title);
    expect(cardText(card)).not.toContain(samples.welcomeView.setupHint);
    expect(card.content.actions).toHaveLength(samples.welcomeView.suggestions.length);
  });

  it('anniversary: shows the headline, dates and next steps', () => {
    const text = cardText(renderCard('anniversary', samples.anniversaryView));
    for (const expected of ['85 days until your membership anniversary', 'February 28, 2027', 'November 30, 2026', 'Budget for competency and exam fees.']) {
      expect(text).toContain(expected);
    }
  });

  it('anniversary: has no next-steps heading and no buttons when there is nothing to do', () => {
    const card = renderCard('anniversary', samples.anniversaryExpiredView);
    expect(cardText(card)).not.toContain('Next steps');
    expect(card.content.actions).toEqual([]);
  });

  it('requirements: shows each blocker as attention-coloured bold text', () => {
    const card = renderCard('requirements', samples.requirementsView);
    const blocks = textBlocks(card);
    for (const blocker of samples.requirementsView.competencies.flatMap((competency) => competency.blockers)) {
      expect(blocks.find((block) => block.text === blocker)).toMatchObject({ color: 'attention', weight: 'Bolder', wrap: true });
    }
    expect(blocks.find((block) => block.text === samples.longBlocker)).toBeDefined();
  });

  it('requirements: shows a Blockers heading only for competencies that have blockers', () => {
    const card = renderCard('requirements', samples.requirementsView);
    expect(textBlocks(card).filter((block) => block.text === 'Blockers')).toHaveLength(1);
    const text = cardText(card);
    expect(text).toContain('Everything needed for the renewal is in place.');
    expect(text).toContain('Changes that apply across competencies');
    expect(text).toContain('2016.1');
  });

  it('requirements: colours a blocking line attention and a met line good', () => {
    const runs = elements(renderCard('requirements', samples.requirementsView).content).filter((element) => element.type === 'TextRun');
    expect(runs.find((run) => run.text === 'Blocks renewal')).toMatchObject({ color: 'attention' });
    expect(runs.find((run) => run.text === 'Met')).toMatchObject({ color: 'good' });
  });

  it('requirements: shows the hint instead of competencies when none are held', () => {
    const text = cardText(renderCard('requirements', samples.requirementsEmptyView));
    expect(text).toContain(samples.requirementsEmptyView.emptyHint);
    expect(text).not.toContain('Blockers');
    expect(text).not.toContain('Changes that apply across competencies');
  });

  it('contact: offers a mailto button to the Primary Program Contact', () => {
    const card = renderCard('contact', samples.contactView);
    expect(card.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Email the contact', url: samples.contactView.mailto },
    ]);
    expect(cardText(card)).toContain('ana.mueller@contoso.example');
  });

  it('support: links to partner support and to sign-in help', () => {
    const urls = elements(renderCard('support', samples.supportView).content)
      .filter((element) => element.type === 'Action.OpenUrl')
      .map((action) => action.url);
    expect(urls).toEqual([samples.supportView.supportUrl, samples.supportView.signInHelpUrl]);
  });

  it('error: shows the code small and subtle', () => {
    const code = textBlocks(renderCard('error', samples.errorView)).find((block) => block.text === 'storage.unavailable');
    expect(code).toMatchObject({ size: 'Small', isSubtle: true });
  });

  it('profile saved: lists the saved facts', () => {
    const text = cardText(renderCard('profile-saved', samples.profileSavedView));
    expect(text).toContain('Cloud Platform (Gold), Cloud Productivity (Silver)');
  });
});

describe('setup form', () => {
  const body = (view: CardViews['setup-form']) => renderCard('setup-form', view).content.body as Json[];
  const inputs = (view: CardViews['setup-form']) =>
    elements(renderCard('setup-form', view).content).filter((element) => String(element.type).startsWith('Input.'));

  it('has a labelled input for every profile field and every competency', () => {
    const view = samples.setupFormView;
    const found = inputs(view);
    const ids = found.map((input) => input.id);
    expect(ids).toEqual(expect.arrayContaining(Object.keys(view.values)));
    expect(ids).toEqual(expect.arrayContaining(view.competencies.map((competency) => competency.inputId)));
    expect(found.length).toBe(Object.keys(view.values).length + view.competencies.length);
    for (const input of found) expect(input.label).toEqual(expect.any(String));
  });

  it('fills inputs from the values and the held levels', () => {
    const found = inputs(samples.setupFormWithErrorsView);
    expect(found.find((input) => input.id === 'contactEmail')).toMatchObject({ value: 'ana at contoso', style: 'Email' });
    expect(found.find((input) => input.id === 'anniversaryDate')).toMatchObject({ type: 'Input.Date', value: '2027-02-28' });
    expect(found.find((input) => input.id === 'customerReferences')).toMatchObject({ isMultiline: true });
    expect(found.find((input) => input.id === 'competency-cloud-platform')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      value: 'gold',
      choices: samples.setupFormView.levelChoices,
    });
  });

  it('shows a field error right under that field, in the attention colour', () => {
    const items = body(samples.setupFormWithErrorsView);
    const index = items.findIndex((item) => item.id === 'contactEmail');
    expect(items[index + 1]).toMatchObject({
      type: 'TextBlock',
      text: 'Primary Program Contact email must be an email address',
      color: 'attention',
    });
    const crm = elements(items).find((element) => element.type === 'Container' && JSON.stringify(element).includes('competency-cloud-crm'));
    expect((crm?.items as Json[])[1]).toMatchObject({ type: 'TextBlock', text: 'Cloud CRM is listed twice', color: 'attention' });
    expect(textBlocks(renderCard('setup-form', samples.setupFormWithErrorsView))[2]).toMatchObject({ text: 'Please fix 2 fields below.' });
  });

  it('shows no error text when the messages are empty or absent', () => {
    for (const errors of [samples.setupFormView.errors, {}]) {
      const card = renderCard('setup-form', { ...samples.setupFormView, errors });
      expect(textBlocks(card).filter((block) => block.color === 'attention')).toEqual([]);
    }
  });

  it('submits with Action.Execute and the verb from the view', () => {
    expect(renderCard('setup-form', samples.setupFormView).content.actions).toEqual([
      { type: 'Action.Execute', title: 'Save profile', verb: 'profile.save', data: { form: 'profile' } },
    ]);
  });
});
