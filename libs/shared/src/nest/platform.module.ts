import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '../database/data-source';
import { APP_ROLE, Database } from '../database/database';
import { DatabaseAvailability } from '../database/database-availability';
import { Env } from '../config/env';
import { secretBoxOf } from '../config/secrets-key';
import { SecretBox } from '../crypto/secret-box';
import { AppLogger } from '../logging/app-logger';
import { Clock, SystemClock } from '../time/clock';

export interface PlatformOptions {
  env: Env;
  databaseUrl: string;
  /** Tests pass a ManualClock; the product runs on the system clock. */
  clock?: Clock;
}

class DatabaseCloser implements OnApplicationShutdown {
  constructor(private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}

/** Configuration, clock, database, logger and the secret box: what every module may ask for. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: Env, useValue: options.env },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: AppLogger, useValue: AppLogger.create(options.env.LOG_LEVEL) },
        {
          provide: SecretBox,
          useFactory: (logger: AppLogger) => secretBoxOf(options.env, (line) => logger.warn(line)),
          inject: [AppLogger],
        },
        { provide: DatabaseAvailability, useValue: new DatabaseAvailability(options.databaseUrl) },
        {
          provide: Database,
          useFactory: async (availability: DatabaseAvailability) => {
            const env = options.env;
            const dataSource = createDataSource({
              url: options.databaseUrl,
              appRole: APP_ROLE,
              poolSize: env.DATABASE_POOL_SIZE,
              timeouts: {
                connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
                statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
                idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
              },
              onIdleConnectionError: (error) => availability.report(error),
            });
            await dataSource.initialize();
            return new Database(dataSource);
          },
          inject: [DatabaseAvailability],
        },
        { provide: DatabaseCloser, useFactory: (db: Database) => new DatabaseCloser(db), inject: [Database] },
      ],
      exports: [Env, Clock, Database, DatabaseAvailability, AppLogger, SecretBox],
    };
  }
}
