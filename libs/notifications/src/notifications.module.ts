import { Module, type OnModuleDestroy } from '@nestjs/common';
import { Contacts } from './contacts';
import { Inbox } from './inbox';
import { Incidents } from './incidents/incidents';
import { NotificationLoop, OutwardLoop } from './loops';
import { NotificationProjector } from './notification-projector';
import { OutwardChannels } from './outward/outward-channel';
import { OUTWARD_CHANNELS_PROVIDER } from './outward/outward-channels.provider';
import { OutwardRelay } from './outward/outward-relay';

/**
 * Notifications (站内信 and outward e-mail/SMS) and the operations view of incidents. The projector and the relay
 * run where the worker runs; the inbox, contacts and incidents serve the API. Needs the WorkflowModule (global).
 */
@Module({
  providers: [
    OUTWARD_CHANNELS_PROVIDER,
    NotificationProjector,
    NotificationLoop,
    OutwardRelay,
    OutwardLoop,
    Inbox,
    Contacts,
    Incidents,
  ],
  exports: [NotificationProjector, OutwardRelay, OutwardChannels, Inbox, Contacts, Incidents],
})
export class NotificationsModule implements OnModuleDestroy {
  constructor(private readonly channels: OutwardChannels) {}

  onModuleDestroy(): void {
    this.channels.close();
  }
}
