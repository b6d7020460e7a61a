/**
 * The tables as Kysely sees them. Every column is plain text so one set of queries runs unchanged
 * on SQLite and PostgreSQL: dates are ISO strings, the profile is JSON text.
 */

/** One partner organization per Teams tenant; `profile` is the source of truth, the rest is for queries. */
export interface OrganizationsTable {
  tenant_id: string;
  name: string;
  partner_id: string;
  /** ISO `YYYY-MM-DD`: text sorts and compares correctly, so reminder scans can use the index. */
  anniversary_date: string;
  time_zone: string;
  /** The JSON of the whole, validated Organization. */
  profile: string;
  /** ISO instants (`Date.prototype.toISOString`). */
  created_at: string;
  updated_at: string;
}

export interface DatabaseSchema {
  organizations: OrganizationsTable;
}
