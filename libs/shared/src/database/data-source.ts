import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface DataSourceOptions {
  url: string;
  /** SET ROLE on every connection (the app's restricted role). Omit for migrations, which run as the owner. */
  appRole?: string;
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  applicationName?: string;
}

/** One TypeORM DataSource over a pg pool. Schema changes live only in migrations/ (synchronize is never on). */
export function createDataSource(options: DataSourceOptions): DataSource {
  const startup = options.appRole ? `-c role=${quoteIdent(options.appRole)}` : undefined;
  return new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrations: options.migrations ?? [],
    entities: options.entities ?? [],
    logging: false,
    applicationName: options.applicationName ?? 'credence',
    extra: {
      max: options.poolSize ?? 20,
      ...(startup ? { options: startup } : {}),
      // A stuck transaction holds back the xmin horizon and stalls every subscription (eventstore-anchors §4).
      idle_in_transaction_session_timeout: 60_000,
    },
  });
}

export async function runMigrations(
  url: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
): Promise<void> {
  const ds = createDataSource({ url, migrations, poolSize: 1, applicationName: 'credence-migrate' });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid role name: ${name}`);
  return name;
}
