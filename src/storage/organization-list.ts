/** Every organization, a page at a time in tenant order: for the operator's status page. */
import type { Kysely } from 'kysely';
import type { Organization } from '../rules/organization/organization.js';
import type { ProfileReader } from './organization-row.js';
import type { DatabaseSchema } from './schema.js';

export interface OrganizationList {
  /** Up to `limit` organizations whose tenant id sorts after `after` (keyset paging). */
  listOrganizations(options: { after?: string; limit: number }): Promise<Organization[]>;
}

export function organizationListStore(db: Kysely<DatabaseSchema>, profiles: ProfileReader): OrganizationList {
  return {
    async listOrganizations(options) {
      let query = db.selectFrom('organizations').select(['tenant_id', 'profile']).orderBy('tenant_id').limit(options.limit);
      if (options.after !== undefined) query = query.where('tenant_id', '>', options.after);
      const rows = await query.execute();
      return rows.map((row) => profiles.read(row.tenant_id, row.profile));
    },
  };
}
