/** Where the proxy writes its log lines. `console` fits. */
export interface ProxyLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const REDACTED = '[redacted]';
/** Shorter values would redact ordinary words; secrets that short are refused by the config. */
const MIN_SECRET_LENGTH = 4;

/**
 * Wraps a logger so that no line carries a secret. The proxy composes its lines from its own
 * words and validated values, so this is a second line of defence: any secret that reached a
 * message anyway (through an error message from a dependency, say) is cut out, as are line
 * breaks, which would let a value forge log lines.
 */
export function secretFreeLogger(
  target: ProxyLogger,
  secrets: () => Iterable<string>,
): ProxyLogger {
  const clean = (message: string): string => {
    let text = message.replace(/[\r\n\u2028\u2029]+/g, ' ');
    for (const secret of secrets()) {
      if (secret.length >= MIN_SECRET_LENGTH) text = text.split(secret).join(REDACTED);
    }
    return `smartstream proxy: ${text}`;
  };
  return {
    info: (message) => target.info(clean(message)),
    warn: (message) => target.warn(clean(message)),
    error: (message) => target.error(clean(message)),
  };
}

/** An error's name and (redacted by the logger) message, without stack or cause. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as {code?: unknown}).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return typeof error;
}
