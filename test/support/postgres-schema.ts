/** Throwaway PostgreSQL schemas for tests, selected through the connection's search_path. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema and returns a URL whose connections use it (pg's `options` parameter). */
export async function freshSchema(): Promise<{ schema: string; schemaUrl: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  const scoped = new URL(testDatabaseUrl!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const drop = async () => {
    await withAdminClient((client) => client.query(`drop schema ${schema} cascade`));
  };
  return { schema, schemaUrl: scoped.toString(), drop };
}
