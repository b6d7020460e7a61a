/** Small key/value state of the deployment, such as the catalog fingerprint reminders were planned with. */
import type { Kysely } from 'kysely';
import type { ReminderStore } from './reminder-store.js';
import type { DatabaseSchema } from './schema.js';

export function settingsStore(db: Kysely<DatabaseSchema>): Pick<ReminderStore, 'getSetting' | 'putSetting'> {
  return {
    async getSetting(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },

    async putSetting(key, value) {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
