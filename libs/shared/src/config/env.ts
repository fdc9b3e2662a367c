import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { JWT_SECRET_MIN_LENGTH, weakJwtSecretProblems } from './jwt-secret';
import { secretsKeyProblems } from './secrets-key';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';

/**
 * Every environment variable the product reads, validated once at boot. Nothing else reads process.env.
 * Business configuration (rule sets, calendars, limits) is data in the database, not here.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** API processes sharing the port (node:cluster); the worker loop runs in the first. One core each. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** Any PostgreSQL ≥ 14. Unset: an embedded PostgreSQL is started with its data under EMBEDDED_PG_DIR. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /** A connection attempt that has not completed by then fails (a hung or unreachable server answers 503). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  /**
   * statement_timeout of every application connection; the client gives up a little later in case the server
   * itself does not answer. Long operator jobs (`credence audit verify`) use DATABASE_JOB_STATEMENT_TIMEOUT_MS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** statement_timeout of long operator jobs run from the CLI; 0: none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_JOB_STATEMENT_TIMEOUT_MS = 0;

  /** A transaction left idle this long is ended by the server (it would hold back every subscription). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /** How long a starting process waits for the database to answer before it gives up; 0: for ever. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_BOOT_WAIT_SECONDS = 0;

  /**
   * Signs access tokens. Unset outside production: generated once and kept in `.data/jwt-secret` (see jwtSecretOf).
   * Production refuses to start without a strong one.
   */
  @IsString()
  JWT_SECRET = '';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 3600;

  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'credence-demo';

  /** Read by `credence accounts create-admin` only (else it reads standard input); never a command-line argument. */
  @IsString()
  INITIAL_ADMIN_PASSWORD = '';

  @IsIn(['sm3', 'sha256'])
  HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Run the worker (timers, subscriptions) inside the API process. */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKER = true;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  WORKER_POLL_MS = 500;

  /**
   * The access log (who read what) is written in batches this often, off the request path; a crash loses at most
   * this much of it. 0: every read writes its entry before answering (one more round trip per read).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  ACCESS_LOG_FLUSH_MS = 1000;

  @IsString()
  BODY_LIMIT = '100kb';

  /**
   * Express `trust proxy`: unset, no proxy is trusted (X-Forwarded-* ignored); a hop count (`1`) or addresses
   * (`loopback`, `10.0.0.0/8`) of the reverse proxies. Client addresses (rate limits) and HTTPS detection (HSTS)
   * follow it.
   */
  @IsString()
  TRUST_PROXY = '';

  /**
   * A request holding an Idempotency-Key renews its claim every third of this; a claim not renewed for this long
   * is taken as its owner gone (crash, kill -9), and a retry with the key recovers it (ADR 0006).
   */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(600_000)
  IDEMPOTENCY_LEASE_MS = 15_000;

  /**
   * Bearer token that GET /metrics requires in production (unset there: /metrics answers 401 to everyone). Open
   * outside production.
   */
  @IsString()
  METRICS_TOKEN = '';

  /** Requests per minute per client on the public (no login) endpoints. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_RATE_LIMIT = 120;

  /**
   * Where the rate-limit and login-attempt counters live, shared by every API process: unset, the PostgreSQL table
   * `rate_limits`; a redis:// URL, that Redis.
   */
  @IsString()
  REDIS_URL = '';

  /** Failed logins per username from one address before that address is locked out of it for LOGIN_LOCK_MINUTES. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  /**
   * Which rule set governs a record when the regimes changed between its decision and its registration.
   * `decision-date`: the one in force on the decision date. `lenient` (从旧兼从轻): of that one and the one in force
   * at registration, the one giving the earlier repair date. Order 36 publishes no transition article.
   */
  @IsIn(['decision-date', 'lenient'])
  RULE_SET_TRANSITION_POLICY: 'decision-date' | 'lenient' = 'decision-date';

  /**
   * Private key signing audit checkpoints: PKCS#8 PEM text, or the path of a PEM file. Required in production;
   * elsewhere a key is generated next to the embedded database (or derived, in tests).
   */
  @IsString()
  AUDIT_SIGNING_KEY = '';

  /**
   * Seals secrets kept in the database (platforms' HMAC keys) with AES-256-GCM: 32 bytes as base64 or hex, e.g.
   * `openssl rand -base64 32`. Required in production; elsewhere generated once into `.data/secrets-key`.
   */
  @IsString()
  SECRETS_KEY = '';

  /** Keys rotated out (comma-separated): they still open what they sealed until every value is sealed again. */
  @IsString()
  SECRETS_KEY_PREVIOUS = '';

  @IsIn(['ed25519', 'sm2'])
  AUDIT_SIGNING_ALGORITHM: 'ed25519' | 'sm2' = 'ed25519';

  /** A signed checkpoint after this many newly sealed events … */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUDIT_CHECKPOINT_EVERY_EVENTS = 1000;

  /** … or this long after the previous one, if anything was sealed since. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUDIT_CHECKPOINT_EVERY_SECONDS = 60;

  /** Appends every checkpoint as a JSON line to this file (an anchor outside the database); none when empty. */
  @IsString()
  AUDIT_CHECKPOINT_FILE = '';

  /** Also writes every checkpoint to the outbox (topic `audit.checkpoint`) for delivery elsewhere. */
  @Transform(toBool)
  @IsBoolean()
  AUDIT_CHECKPOINT_OUTBOX = false;

  /** First line of every signed checkpoint: names this deployment's log. */
  @IsString()
  @MinLength(1)
  AUDIT_LOG_ORIGIN = 'credence.audit.ledger';

  /**
   * Largest material (申请材料) one upload may hold, in bytes. Uploads are held in memory while received and sent
   * to PostgreSQL as one parameter, hence the ceiling.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256 * 1024 * 1024)
  MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

  /** Where material bytes live: `postgres` (table material_blobs) or `filesystem` (under MATERIAL_STORE_DIR). */
  @IsIn(['postgres', 'filesystem'])
  MATERIAL_STORE: 'postgres' | 'filesystem' = 'postgres';

  /** Directory of the filesystem blob store (MATERIAL_STORE=filesystem); blobs are named by their SHA-256. */
  @IsString()
  @MinLength(1)
  MATERIAL_STORE_DIR = '.data/materials';

  /** Seed demo authorities, accounts and records on first start (never in production). */
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO = true;

  /** Delivery to other platforms (ADR 0025): attempts before a row is dead-lettered for an operator. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DELIVERY_MAX_ATTEMPTS = 12;

  /** First retry delay; each further one doubles (with jitter) up to DELIVERY_BACKOFF_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_BACKOFF_BASE_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  DELIVERY_BACKOFF_MAX_MS = 3_600_000;

  /** A receiver that has not answered by then has failed this attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DELIVERY_TIMEOUT_MS = 10_000;

  /** A claimed row is another worker's again this long after its claim (the claiming worker died). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  DELIVERY_LEASE_MS = 60_000;

  /** NATS server(s) for platforms registered with transport `nats` (JetStream); unset, such rows wait. */
  @IsString()
  NATS_URL = '';

  /** The address receivers use to reach this API (links to decision documents in messages). */
  @IsString()
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * Outward notifications by e-mail: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`); unset, no e-mail is
   * sent and the inbox (站内信) is the only channel.
   */
  @IsString()
  SMTP_URL = '';

  /** The sender of notification e-mails. */
  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Credence 信用交通 <no-reply@credence.local>';

  /** An SMS gateway taking `POST {to, text}` as JSON (bearer SMS_GATEWAY_TOKEN); unset, no text message is sent. */
  @IsString()
  SMS_GATEWAY_URL = '';

  @IsString()
  SMS_GATEWAY_TOKEN = '';

  /** Attempts of an outward message (e-mail, SMS) before it becomes a dead letter shown as an incident. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OUTWARD_MAX_ATTEMPTS = 8;

  /** First retry delay of an outward message; each further one doubles (with jitter), at most an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  OUTWARD_BACKOFF_BASE_MS = 5000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (配置无效):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/** Validates every variable at once and reports all bad ones in one message. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const known = Object.keys(new Env());
  const plain = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => (known.includes(k) || k === 'DATABASE_URL') && v !== undefined),
  );
  const env = plainToInstance(Env, plain);
  const problems = validateSync(env, { whitelist: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message}`),
  );
  if (env.isProduction) {
    if (env.JWT_SECRET === '')
      problems.push(
        'JWT_SECRET: production needs a secret of its own, e.g. `openssl rand -base64 48` (生产环境须配置)',
      );
    else problems.push(...weakJwtSecretProblems(env.JWT_SECRET));
    if (env.SECRETS_KEY === '')
      problems.push(
        'SECRETS_KEY: production needs the key sealing stored secrets, e.g. `openssl rand -base64 32`',
      );
    if (env.METRICS_TOKEN !== '' && env.METRICS_TOKEN.length < 32)
      problems.push('METRICS_TOKEN: at least 32 characters');
    if (env.SEED_DEMO && source.SEED_DEMO !== undefined)
      problems.push('SEED_DEMO: demo data is never seeded in production');
  } else if (env.JWT_SECRET !== '' && env.JWT_SECRET.length < JWT_SECRET_MIN_LENGTH)
    problems.push(`JWT_SECRET: at least ${JWT_SECRET_MIN_LENGTH} characters`);
  problems.push(...secretsKeyProblems(env));
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  if (env.isProduction) env.SEED_DEMO = false;
  return env;
}
