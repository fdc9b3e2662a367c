import { Writable } from 'node:stream';
import { pino } from 'pino';
import { AppLogger } from './app-logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new AppLogger(pino({ level }, sink)), lines };
}

describe('AppLogger', () => {
  it('writes one JSON line per entry with the Nest context', () => {
    const { logger, lines } = capture('info');
    logger.log('provisional deadlines recomputed', 'ProvisionalDeadlines');
    logger.error('timer failed', 'Error: boom\n    at x', 'TimerWorker');
    logger.warn({ moved: 1 }, 'ProvisionalDeadlines');
    expect(lines).toMatchObject([
      { level: 30, msg: 'provisional deadlines recomputed', context: 'ProvisionalDeadlines' },
      { level: 50, msg: 'timer failed', stack: 'Error: boom\n    at x', context: 'TimerWorker' },
      { level: 40, moved: 1, context: 'ProvisionalDeadlines' },
    ]);
  });

  it('keeps the framework’s wiring lines (modules, routes) out of the info console', () => {
    const { logger, lines } = capture('info');
    logger.log('Mapped {/api/v1/auth/login, POST} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toEqual([]);
    const debug = capture('debug');
    debug.logger.log('Mapped {/api/v1/auth/login, POST} route', 'RouterExplorer');
    expect(debug.lines).toMatchObject([{ level: 20, context: 'RouterExplorer' }]);
  });
});
