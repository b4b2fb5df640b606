import pino from "pino";

/** How long a log line may wait in the buffer before it is written. */
const LOG_FLUSH_INTERVAL_MS = 20;
/**
 * Bytes of log lines written at once without waiting for the interval: also
 * the most a pipe takes in one write without mixing it with another writer's
 * (PIPE_BUF on Linux), which workers sharing stdout rely on.
 */
const LOG_BUFFER_BYTES = 4096;

export interface LogDestination {
  stream: pino.DestinationStream;
  /** Resolves once every line logged so far is on stdout. */
  close(): Promise<void>;
}

/**
 * Standard output for the log, buffered: a line per request written as its
 * own write cost a system call (and, through pino's default destination, a
 * thread-pool hand-off) per request. Lines are written together once 4 KiB
 * have gathered or every 20 ms, whichever comes first; only a SIGKILL can
 * lose the last 20 ms of lines.
 *
 * Workers share stdout, so their batches are written whole lines at a time
 * and at most 4 KiB at once, which a pipe never interleaves with another
 * worker's write (a longer line, such as an error's, is written alone).
 */
export function logDestination(sharedWithOtherProcesses: boolean): LogDestination {
  return sharedWithOtherProcesses ? wholeLineBatches() : buffered();
}

function buffered(): LogDestination {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  // A flush with nothing buffered would still write (an empty string): the ticker flushes only after a line.
  let written = false;
  const flush = () => {
    if (!written) return;
    written = false;
    try {
      destination.flush();
    } catch {
      // Already ended (the process is exiting, and pino flushes it then).
    }
  };
  const ticker = setInterval(flush, LOG_FLUSH_INTERVAL_MS).unref();
  return {
    stream: {
      write(line: string) {
        written = true;
        destination.write(line);
      },
    },
    /**
     * Lines logged after the close (the "stopped" line) are written by pino's
     * synchronous flush at exit: had the buffer's own write still been in
     * flight then, they would land before it.
     */
    close() {
      clearInterval(ticker);
      return new Promise<void>((resolve) => {
        try {
          destination.flush(() => resolve());
        } catch {
          resolve(); // already ended
        }
      });
    },
  };
}

/**
 * Sonic-boom's own buffer cannot serve here: it writes whatever it holds,
 * cut at byte counts, not lines. Writes are synchronous (at most 4 KiB into
 * a pipe), so a line is on stdout before the next batch starts and nothing
 * waits at exit but the current batch, written from the exit handler.
 */
function wholeLineBatches(): LogDestination {
  const destination = pino.destination({ dest: 1, sync: true });
  let batch = "";
  let bytes = 0;
  const flush = () => {
    if (bytes === 0) return;
    const text = batch;
    batch = "";
    bytes = 0;
    destination.write(text);
  };
  const ticker = setInterval(flush, LOG_FLUSH_INTERVAL_MS).unref();
  process.on("exit", flush);
  return {
    stream: {
      write(line: string) {
        const length = Buffer.byteLength(line);
        if (bytes + length > LOG_BUFFER_BYTES) flush();
        batch += line;
        bytes += length;
        if (bytes >= LOG_BUFFER_BYTES) flush();
      },
    },
    close() {
      // Lines logged after the close (the "stopped" line) are still gathered, and written at exit.
      flush();
      clearInterval(ticker);
      return Promise.resolve();
    },
  };
}
