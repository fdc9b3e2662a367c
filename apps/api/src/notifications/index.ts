import { NotificationsModule } from '@credence/notifications';
import { AccountContactsController, InboxController } from './inbox.controller';
import { IncidentsController } from './incidents.controller';

export const NOTIFICATION_IMPORTS = [NotificationsModule];
export const NOTIFICATION_CONTROLLERS = [InboxController, AccountContactsController, IncidentsController];
