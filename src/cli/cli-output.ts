/** Where CLI commands write, so tests can read it; and the error that means "exit 2, show usage". */
export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export class UsageError extends Error {}
