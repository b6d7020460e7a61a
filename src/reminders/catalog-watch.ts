/**
 * Notices that the operator replaced the requirements catalog since the last start, and asks the
 * planner to look at every organization again, so changed requirements are announced.
 */
import type { Catalog } from '../rules/catalog/catalog.js';
import { fingerprint } from '../rules/common/fingerprint.js';
import type { ReminderPlanning, Settings } from '../storage/reminder-store.js';

const SETTING = 'catalog-fingerprint';

export async function replanIfCatalogChanged(storage: Settings & Pick<ReminderPlanning, 'replanAllOrganizations'>, catalog: Catalog): Promise<boolean> {
  const current = fingerprint(JSON.stringify(catalog.data.competencies));
  const previous = await storage.getSetting(SETTING);
  if (previous === current) return false;
  if (previous !== undefined) await storage.replanAllOrganizations();
  await storage.putSetting(SETTING, current);
  return previous !== undefined;
}
