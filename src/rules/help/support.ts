/**
 * Where to get help with the renewal (guide lines 11 and 50), and signing in (lines 4 and 51): the
 * Microsoft account (formerly Live ID) of the membership, whose welcome message shows the anniversary.
 */
import type { CatalogData } from '../catalog/catalog.js';
import { markedLinkTitle } from '../common/value-source.js';

type SupportLinks = Pick<CatalogData, 'supportUrl' | 'signInHelpUrl'> & { sources: Pick<CatalogData['sources'], 'supportUrl' | 'signInHelpUrl'> };

export interface SupportView {
  title: string;
  steps: string[];
  signInTitle: string;
  signInSteps: string[];
  supportUrl: string;
  supportLinkTitle: string;
  signInHelpUrl: string;
  signInHelpLinkTitle: string;
}

export function supportView(links: SupportLinks): SupportView {
  return {
    title: 'Support for your renewal',
    steps: [
      'For help at any time with the renewal, contact MPN Support: sign in to the Support page of the MPN portal, which shows your options for getting help from the MPN Support team.',
      'The same page lists the top partner questions: they may already answer yours.',
    ],
    signInTitle: 'Signing in',
    signInSteps: [
      'Sign in to the partner portal with the Microsoft account (formerly Live ID) associated with your partner membership.',
      'Once signed in, click the welcome message at the top right: it shows the date your membership expires, your anniversary date.',
      'If you have trouble signing in, follow the sign-in troubleshooting suggestions.',
    ],
    supportUrl: links.supportUrl,
    supportLinkTitle: markedLinkTitle('Open the MPN Support page', links.sources.supportUrl),
    signInHelpUrl: links.signInHelpUrl,
    signInHelpLinkTitle: markedLinkTitle('Sign-in troubleshooting', links.sources.signInHelpUrl),
  };
}
