import { DeliveryModule } from '@credence/delivery';
import { DeliveriesController } from './deliveries.controller';
import { PlatformsController } from './platforms.controller';

export const DELIVERY_IMPORTS = [DeliveryModule];
export const DELIVERY_CONTROLLERS = [PlatformsController, DeliveriesController];
export { keepSignedRawBody } from './raw-body';
