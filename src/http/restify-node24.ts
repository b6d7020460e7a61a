/**
 * Lets restify 11 load on Node 24. restify 11 requires spdy at load, and spdy's http-deceiver reads
 * `process.binding('http_parser')` right away; Node 24 removed that binding, so the require throws
 * ("No such module: http_parser") and the server cannot start. The parser is only used to serve
 * spdy (HTTP/2 over TLS), which this bot never configures, so where the binding is missing it is
 * answered with a stand-in that holds what http-deceiver reads at load: the method list and four
 * callback indexes. Node 20 and 22 still have the binding and get it unchanged.
 *
 * On Node 20 the same read makes Node print two DEP0111 deprecation warnings at every start, which a
 * newcomer takes for errors: the warning of exactly this read (and nothing else) is dropped.
 *
 * Import this module before restify. It goes away with restify 12 (Node ≥ 22), which no longer
 * depends on spdy.
 */
import { METHODS } from 'node:http';

type Binding = (name: string) => unknown;

const proc = process as unknown as { binding: Binding & { httpParserStandIn?: true } };
if (!proc.binding.httpParserStandIn) {
  const original = proc.binding.bind(process) as Binding;
  const standIn = { methods: METHODS, HTTPParser: { methods: METHODS, kOnHeaders: 1, kOnHeadersComplete: 2, kOnBody: 3, kOnMessageComplete: 4 } };
  const binding: Binding & { httpParserStandIn?: true } = (name) => {
    if (name !== 'http_parser') return original(name);
    try {
      return withoutBindingDeprecation(() => original(name));
    } catch {
      return standIn;
    }
  };
  binding.httpParserStandIn = true;
  proc.binding = binding;
}

/** Runs `read` with the DEP0111 warning it may emit (process.binding is deprecated) dropped; any other warning passes. */
function withoutBindingDeprecation<T>(read: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
    if (code === 'DEP0111') return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return read();
  } finally {
    process.emitWarning = emitWarning;
  }
}
