/**
 * The MemberDirectory (src/bot/member-directory.ts) of a Teams turn: the asker's role in the tenant
 * (TeamsInfo.getMember: GET /v3/conversations/{conversationId}/members/{userId}, the team's roster
 * in a channel) and the conversation's members (TeamsInfo.getPagedMembers: GET /v3/conversations/{id}/pagedmembers, the
 * team's in a channel). Teams' answers are outside input: checked with zod, members without a
 * usable Azure AD object id left out, names made one line.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { MemberDirectory } from '../bot/member-directory.js';
import type { Logger } from '../logger.js';
import { displayName, type Member, type TeamsRole } from '../rules/people/admins.js';
import { DirectoryIdSchema } from '../rules/organization/organization.js';
import { withTimeout } from '../with-timeout.js';

/** `work`, or a rejection once it has taken longer than `timeoutMs`. */
function within<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return withTimeout(work, timeoutMs, () => new Error(`Teams did not answer within ${timeoutMs} ms`));
}

/** Longest the bot waits for Teams to answer one lookup: a turn must still be answered in time. */
const LOOKUP_TIMEOUT_MS = 5_000;
/** Members read from a large team: four pages of Teams' largest (500). */
export const MAX_MEMBERS = 2_000;
const PAGE_SIZE = 500;

const TeamsMemberSchema = z
  .object({
    id: z.string().max(256).optional(),
    name: z.string().max(1_000).optional(),
    // The SDK's model names it aadObjectId; Teams' own documentation shows objectId.
    aadObjectId: z.string().max(200).optional(),
    objectId: z.string().max(200).optional(),
    email: z.string().max(320).optional(),
    userPrincipalName: z.string().max(320).optional(),
    userRole: z.string().max(32).optional(),
  })
  .loose();

const PagedMembersSchema = z.object({ members: z.array(z.unknown()).max(PAGE_SIZE * 2).default([]), continuationToken: z.string().max(4_000).optional() }).loose();

function memberOf(raw: unknown): Member | undefined {
  const parsed = TeamsMemberSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const account = parsed.data;
  const aadObjectId = DirectoryIdSchema.safeParse(account.aadObjectId ?? account.objectId);
  if (!aadObjectId.success) return undefined;
  const emails = [account.email, account.userPrincipalName].filter((text): text is string => !!text && text.includes('@')).map((text) => text.trim().toLowerCase());
  return { aadObjectId: aadObjectId.data, name: displayName(account.name) ?? displayName(emails[0]) ?? aadObjectId.data, emails: [...new Set(emails)], role: account.userRole };
}

/** The directory of one turn, asking Teams through the turn's own connector client; each answer is asked once per turn. */
export function teamsMemberDirectory(context: TurnContext, log: Logger, timeoutMs = LOOKUP_TIMEOUT_MS): MemberDirectory {
  const tenantId = context.activity.conversation?.tenantId;
  let role: Promise<TeamsRole | undefined> | undefined;
  let members: Promise<Member[] | undefined> | undefined;

  async function askRole(): Promise<TeamsRole | undefined> {
    try {
      const account = TeamsMemberSchema.safeParse(await within(TeamsInfo.getMember(context, context.activity.from.id), timeoutMs));
      const userRole = account.success ? account.data.userRole : undefined;
      if (!userRole) log.warn({ tenantId }, 'Teams gave no role for the asker');
      return userRole;
    } catch (error) {
      log.warn({ tenantId, err: error }, 'Teams did not give the role of the asker');
      return undefined;
    }
  }

  async function askMembers(): Promise<Member[] | undefined> {
    try {
      const found: Member[] = [];
      let continuationToken: string | undefined;
      do {
        const page = PagedMembersSchema.parse(await within(TeamsInfo.getPagedMembers(context, PAGE_SIZE, continuationToken), timeoutMs));
        for (const raw of page.members) {
          const member = memberOf(raw);
          if (member && found.length < MAX_MEMBERS) found.push(member);
        }
        continuationToken = page.continuationToken || undefined;
      } while (continuationToken && found.length < MAX_MEMBERS);
      return found;
    } catch (error) {
      log.warn({ tenantId, err: error }, 'Teams did not give the members of the conversation');
      return undefined;
    }
  }

  return {
    roleOfAsker: () => (role ??= askRole()),
    members: () => (members ??= askMembers()),
  };
}
