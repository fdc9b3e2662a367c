import { AccountsController } from './accounts.controller';
import { AuthController } from './auth.controller';
import { AuthoritiesController } from './authorities.controller';

/** The identity HTTP surface; AppModule adds these controllers. */
export const IDENTITY_CONTROLLERS = [AuthController, AuthoritiesController, AccountsController];

export {
  LOGIN_ATTEMPTS_PER_IP_PER_MINUTE,
  PublicEndpoint,
  PublicRateLimit,
  RateLimitGuard,
  RateLimitModule,
  TooManyRequestsError,
} from './rate-limit';
