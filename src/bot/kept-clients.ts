/**
 * SDK clients (connector clients, user-token clients) built once per key and reused: building one
 * costs a whole HTTP pipeline (about 100 µs of CPU and its garbage), which every turn and every send
 * would otherwise pay. The least recently used goes first; a build that fails is forgotten, so the
 * next caller builds it again.
 */

/** Clients kept per cache: Teams uses a handful of service URLs, and the allowlist bounds them too. */
const CLIENTS_KEPT = 64;

/** `client(key, build)`: the kept client for `key`, or the one `build()` makes (then kept). */
export function keptClients<T>(limit = CLIENTS_KEPT): (key: string, build: () => Promise<T>) => Promise<T> {
  const clients = new Map<string, Promise<T>>();
  return (key, build) => {
    let client = clients.get(key);
    if (client) {
      clients.delete(key);
    } else {
      const built = build();
      built.catch(() => {
        if (clients.get(key) === built) clients.delete(key);
      });
      client = built;
    }
    clients.set(key, client);
    if (clients.size > limit) clients.delete(clients.keys().next().value as string);
    return client;
  };
}
