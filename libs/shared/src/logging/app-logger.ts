import type { LoggerService } from '@nestjs/common';
import { pino, type Level, type Logger } from 'pino';

/**
 * Nest's start-up chatter (a line per module and per route, ~150 lines) goes to debug: the console a person reads
 * at info shows what the product says, not how the framework wired itself.
 */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/**
 * Nest's LoggerService over pino: one JSON line per entry, with the Nest context as `context`. Written here rather
 * than taken from nestjs-pino, whose releases that support Nest 12 require Node 22 while the product runs on Node 20.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  /** Credentials never reach the log, whoever logs a request. */
  static create(level: string): AppLogger {
    return new AppLogger(pino({ level, redact: ['req.headers.authorization', 'req.headers.cookie'] }));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes (message, ...params, context) and, for errors, (message, stack, context). */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const params = [...rest];
    const context =
      params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && WIRING_CONTEXTS.has(context)) level = 'debug';
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const param of params) {
      if (typeof param === 'string') fields.stack = param;
      else if (param instanceof Error) fields.err = param;
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (message && typeof message === 'object') this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
