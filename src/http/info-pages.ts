/**
 * The privacy statement and terms of use the Teams manifest links to: short, plain pages saying
 * what the bot stores and why, served by the bot itself so the links always work.
 */
import type { Response, Server } from 'restify';

const PAGE = (title: string, paragraphs: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('')}</body></html>`;

const PRIVACY = PAGE('Renewal Bot: privacy', [
  'Renewal Bot stores, per Microsoft Teams tenant, the organization profile that its members enter or that an operator imports: the organization name and partner id, the membership anniversary date and time zone, the Primary Program Contact (name, email, Azure AD object id), the competencies held, customer references and certifications (names, exams and dates), and the Azure AD object ids of the profile admins.',
  'For reminders it stores where to post them (the team channel and its service address) and a record of each reminder sent. For the renewal checklist it stores who ticked which item and when. It keeps no chat messages.',
  'Data of one tenant is only ever shown to and changed by members of that tenant. The operator of this installation controls the database and can delete an organization on request.',
]);

const TERMS = PAGE('Renewal Bot: terms of use', [
  'Renewal Bot helps organizations plan their partner-program membership renewal. Dates, requirements and thresholds come from the catalog this installation is configured with; confirm them in the partner portal before acting on them.',
  'The software is provided as is, without warranty, under the license of its source code.',
]);

/**
 * The pages are static text: nothing may load or run (a string that slipped into them could not
 * become a script), no site may frame them (clickjacking), and following a link from them tells
 * the next site nothing.
 */
const PAGE_POLICY = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

export function registerInfoPages(server: Server): void {
  const send = (res: Response, html: string) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', PAGE_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY'); // frame-ancestors for browsers that predate it
    res.setHeader('referrer-policy', 'no-referrer');
    res.writeHead(200);
    res.end(html);
  };
  server.get('/privacy', async (_req, res) => send(res, PRIVACY));
  server.get('/terms', async (_req, res) => send(res, TERMS));
}
