import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from './actor';

export const PUBLIC_KEY = 'credence:public';
export const ROLES_KEY = 'credence:roles';

/** The route needs no login (health, metrics, login, /api/v1/public/**). Every other route does. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route (403 AUTH.FORBIDDEN_ROLE). Scope within a role is the policy's job. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** `@CurrentUser() actor: Actor`: the user the AuthGuard authenticated. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<{ user?: Actor }>().user;
  // Only reachable on a @Public route, which must not ask for the user: a programming error, hence a plain Error.
  if (!user) throw new Error('@CurrentUser() used on a route without an authenticated user');
  return user;
});
