/** Closes gracefully on SIGTERM/SIGINT (in-flight runs drain); a second signal exits at once. */
export function runUntilSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    console.log(JSON.stringify({ level: 'log', msg: 'shutting down', signal }));
    close().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`shutdown failed: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
