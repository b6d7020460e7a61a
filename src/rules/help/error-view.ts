/** The card shown when a turn fails (built by src/bot/app-error.ts). */
export interface ErrorView {
  title: string;
  message: string;
  /** Stable error code, shown small so support can find it in the logs. */
  code: string;
}
