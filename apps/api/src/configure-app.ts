import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppLogger, DatabaseAvailability, Env } from '@credence/shared';
import { answerClientErrorsAsProblems } from './http/client-error';
import { failFastWhileDatabaseAway } from './http/database-unavailable';
import { refuseInvalidCharacters } from './http/input-text';
import { refuseDeepJson } from './http/json-depth';
import { keepSignedRawBody } from './delivery/raw-body';
import { preferredLanguage } from './http/language';
import { consoleDirectory, serveConsole } from './http/console';
import { bodyParserProblem } from './http/problem-details';
import { sendProblem } from './http/problem-details.filter';
import { correlationMiddleware } from './http/request-context';
import { applySecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';

/** Everything about the HTTP edge that main.ts and the e2e tests share. The app must be created with bodyParser: false. */
export function configureApp(app: INestApplication): void {
  const env = app.get(Env);
  app.useLogger(app.get(AppLogger));
  applySecurityHeaders(app, env.TRUST_PROXY);
  answerClientErrorsAsProblems(app);
  app.use(correlationMiddleware);
  // The console's files need no database: they load while it is away, and the console shows the API's 503.
  serveConsole(app, consoleDirectory());
  app.use(failFastWhileDatabaseAway(app.get(DatabaseAvailability)));
  app.use(
    express.json({
      limit: env.BODY_LIMIT,
      strict: true,
      type: ['application/json', 'application/*+json'],
      verify: (req, res, raw) => {
        refuseDeepJson(req, res, raw);
        keepSignedRawBody(req, raw);
      },
    }),
  );
  // Body-parser errors happen before any route: answer them as problems too (malformed JSON, too large).
  app.use((error: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    sendProblem(req, res, bodyParserProblem(error, preferredLanguage(req.headers['accept-language'])));
  });
  app.use(refuseInvalidCharacters);
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

/** The OpenAPI document of a configured app: served at /api/docs-json, and the source of the console's typed client. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Credence 信用交通修复与异议工作流 API')
      .setDescription(
        '信用修复、异议处理与信用承诺的工作流与审批引擎。错误响应均为 RFC 9457 problem details（application/problem+json），带稳定的 code；' +
          '每个 POST 支持 Idempotency-Key，案件支持 ETag / If-Match。\n\n' +
          'Workflow and approval engine for credit repair, objections and commitments. Errors are RFC 9457 problem details ' +
          'with a stable code; every POST honours Idempotency-Key; cases honour ETag / If-Match.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
