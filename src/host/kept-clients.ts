/**
 * SDK clients (connector clients, user-token clients) built once per key and reused: building one
 * costs a whole HTTP pipeline (about 100 µs of CPU and its garbage), which every turn and every send
 * would otherwise pay. The least recently used goes first; callers that ask while one is being built
 * share that build, and a build that fails is forgotten, so the next caller builds it again
 * (lru-cache's fetch: a rejected fetchMethod deletes its entry).
 */
import { LRUCache } from 'lru-cache';

/** Clients kept per cache: Teams uses a handful of service URLs, and the allowlist bounds them too. */
const CLIENTS_KEPT = 64;

/** `client(key, build)`: the kept client for `key`, or the one `build()` makes (then kept). */
export function keptClients<T extends object>(limit = CLIENTS_KEPT): (key: string, build: () => Promise<T>) => Promise<T> {
  const clients = new LRUCache<string, T, () => Promise<T>>({
    max: limit,
    fetchMethod: (_key, _stale, { context: build }) => build(),
    // A client pushed out while still being built is still handed to the callers waiting for it.
    ignoreFetchAbort: true,
  });
  return async (key, build) => {
    const client = await clients.fetch(key, { context: build });
    // fetch resolves to undefined only for an aborted build, and aborts are ignored above.
    if (client === undefined) throw new Error(`the client for ${key} was not built`);
    return client;
  };
}
