/** The CloudAdapter, configured from the SDK's own settings, with the last-resort turn error handler. */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import { errorCardFor } from './card-errors.js';

/**
 * CloudAdapter with its authenticate-then-run step exposed, so the HTTP edge can tell a rejected
 * request (401) from a failed turn and answer without the SDK's own response writing.
 */
export class BotAdapter extends CloudAdapter {
  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(settings: Record<string, string>, log: Logger): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Handlers answer their own errors; reaching here means the reply itself failed or a bug escaped.
    const card = errorCardFor(error, log, { activityType: context.activity.type, conversationId: context.activity.conversation?.id });
    if (context.activity.type === 'message') {
      await context.sendActivity(MessageFactory.attachment(card)).catch((sendError: unknown) => log.warn({ err: sendError }, 'error card not delivered'));
    }
  };
  return adapter;
}
