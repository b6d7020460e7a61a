/**
 * What the bot asks Teams about people, behind a small interface so that handlers and rules never
 * see the SDK; src/host/member-directory.ts answers it through the turn's connector client.
 */
import type { Member, TeamsRole } from '../rules/people/admins.js';

export interface MemberDirectory {
  /** The asker's role ('user', 'guest', 'anonymous'); undefined when Teams did not say (an error, no answer in time, no role given). */
  roleOfAsker(): Promise<TeamsRole | undefined>;
  /** The conversation's members, at most MAX_MEMBERS (src/host/member-directory.ts); undefined when Teams did not give them. */
  members(): Promise<Member[] | undefined>;
}
