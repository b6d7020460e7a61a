/**
 * The checklist card as it fits in one Teams message: all its items when they fit, else the page of
 * them at `anchor` with as many as fit (an organization with hundreds of expiring references has as
 * many items), and buttons to the items before and after.
 */
import { checklistPages, type ChecklistViewInput } from '../rules/checklist/checklist.js';
import { FIRST_PAGE, itemsAvailable, type PageAnchor } from '../rules/common/paging.js';
import { renderLargestFitting } from './fit-card.js';
import type { CardAttachment } from './render-card.js';

export function renderChecklistCard(input: Omit<ChecklistViewInput, 'page'>, anchor: PageAnchor = FIRST_PAGE): CardAttachment {
  const checklist = checklistPages(input);
  return renderLargestFitting('checklist', 1, itemsAvailable(anchor, checklist.total), (count) => checklist.view({ anchor, count }));
}
