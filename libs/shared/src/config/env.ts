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

const DEV_SECRET = 'credence-development-secret-not-for-production';
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

  @IsString()
  @MinLength(32)
  JWT_SECRET = DEV_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 3600;

  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'credence-demo';

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

  /** Requests per minute per client on the public (no login) endpoints. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_RATE_LIMIT = 120;

  /** Failed logins per account before it is locked for LOGIN_LOCK_MINUTES. */
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
    if (env.JWT_SECRET === DEV_SECRET)
      problems.push('JWT_SECRET: production needs a real secret (at least 32 characters)');
    if (env.SEED_DEMO && source.SEED_DEMO !== undefined)
      problems.push('SEED_DEMO: demo data is never seeded in production');
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  if (env.isProduction) env.SEED_DEMO = false;
  return env;
}
