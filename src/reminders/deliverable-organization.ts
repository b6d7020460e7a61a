/**
 * Whether a pass still delivers anything of a tenant: the first question of channel reminders,
 * personal reminders and message updates alike. What it refuses is closed as skipped, without a call.
 */
import type { Organization } from '../rules/organization/organization.js';
import type { OrganizationStore } from '../storage/storage.js';
import type { PassDependencies } from './pass-dependencies.js';

/** The tenant's organization, or why nothing of the tenant goes out any more. */
export async function deliverableOrganization(
  deps: Pick<PassDependencies, 'isTenantAllowed'> & { storage: Pick<OrganizationStore, 'getOrganization'> },
  tenantId: string,
): Promise<Organization | { skip: string }> {
  if (deps.isTenantAllowed && !deps.isTenantAllowed(tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
  return (await deps.storage.getOrganization(tenantId)) ?? { skip: 'the organization no longer exists' };
}
