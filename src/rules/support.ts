/** Where to get help with the renewal, and what to try when signing in fails. */
import type { CatalogData } from './catalog.js';
import type { SupportView } from './view-models.js';

export function supportView(links: Pick<CatalogData, 'supportUrl' | 'signInHelpUrl'>): SupportView {
  return {
    title: 'Support for your renewal',
    steps: [
      'Sign in to the partner portal and open its Support page: it lists the ways to reach the program support team.',
      'The same page has answers to the questions partners ask most: check them first.',
      'Have your partner id and anniversary date at hand when you ask.',
    ],
    signInTitle: 'Trouble signing in?',
    signInSteps: [
      'Sign in with the work account associated with your partner membership.',
      'If it still fails, follow the sign-in troubleshooting steps.',
    ],
    supportUrl: links.supportUrl,
    signInHelpUrl: links.signInHelpUrl,
  };
}
