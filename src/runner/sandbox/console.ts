/**
 * Captures what learner code prints, as plain lines, capped so a chatty loop cannot flood the results.
 * The last line says when output was cut.
 */
export const consoleLineLimit = 200;
export const consoleCharLimit = 20_000;

export interface CapturedConsole {
  /** The lines printed so far, ending with a note if some were cut. */
  readonly lines: () => string[];
  /** Forgets what was printed so far (a warm-up's output is not the learner's). */
  readonly clear: () => void;
}

const levels = ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const;

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return '[a value that cannot be printed]';
    }
  }
}

export function captureConsole(global: typeof globalThis): CapturedConsole {
  const lines: string[] = [];
  let chars = 0;
  let cut = false;
  const print = (level: (typeof levels)[number], args: unknown[]): void => {
    if (cut) return;
    const prefix = level === 'warn' || level === 'error' ? `${level}: ` : '';
    const line = prefix + args.map(formatValue).join(' ');
    if (lines.length >= consoleLineLimit || chars + line.length > consoleCharLimit) {
      cut = true;
      return;
    }
    lines.push(line);
    chars += line.length;
  };
  const capturing = Object.fromEntries(
    levels.map((level) => [level, (...args: unknown[]) => print(level, args)]),
  );
  Object.defineProperty(global, 'console', { value: capturing, writable: true, configurable: true });
  return {
    clear: () => {
      lines.length = 0;
      chars = 0;
      cut = false;
    },
    lines: () =>
      cut ? [...lines, `… output cut: only the first ${lines.length} lines (${consoleCharLimit} characters at most) are kept.`] : [...lines],
  };
}
