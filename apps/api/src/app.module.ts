import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { PlatformModule, type PlatformOptions } from '@credence/shared';
import { HealthController } from './http/health.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { HttpMetricsMiddleware, MetricsController } from './http/metrics.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { correlationIdOf } from './http/request-context';

/** The HTTP application: the libs' modules plus the controllers that translate HTTP into commands and queries. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.env.LOG_LEVEL,
            genReqId: (req) => correlationIdOf(req as never),
            customProps: (req) => ({ correlationId: correlationIdOf(req as never) }),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/health' },
          },
        }),
        CqrsModule.forRoot(),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
