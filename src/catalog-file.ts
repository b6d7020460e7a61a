/** The requirements catalog and the call schedule: built in, or the operator's files from config. */
import { loadDataFile } from './data-file.js';
import { defaultCallSchedule, parseCallSchedule, type CallSchedule } from './rules/calendar/call-series.js';
import { defaultCatalog, parseCatalog, type Catalog } from './rules/catalog/catalog.js';

export async function loadCatalog(file: string | undefined): Promise<Catalog> {
  return file ? loadDataFile('CATALOG_FILE', file, parseCatalog, 'catalog') : defaultCatalog();
}

export async function loadCallSchedule(file: string | undefined, catalog: Catalog): Promise<CallSchedule> {
  return file ? loadDataFile('CALL_SCHEDULE_FILE', file, (json) => parseCallSchedule(json, catalog), 'call schedule') : defaultCallSchedule();
}
