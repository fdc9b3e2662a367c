import { Module } from '@nestjs/common';
import { WorkflowModule } from '@credence/workflow';
import { WorkingCalendarModule } from '@credence/working-calendar';
import { DeliveryLoop } from './delivery-loop';
import { DeliveryMessages } from './delivery-messages';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryQueries } from './delivery-queries';
import { DeliveryReceipts } from './delivery-receipts';
import { DeliveryRelay } from './delivery-relay';
import { DeliveryPlatforms } from './platforms';
import { SyncClocks } from './sync-clocks';
import { DeliveryTransports } from './transports/delivery-transports';
import { HttpTransport } from './transports/http-transport';
import { NatsTransport } from './transports/nats-transport';

/**
 * Delivery to other platforms (信息推送) with receipts (执行反馈), ADR 0025: platforms as data, the relay and its
 * loop (runs where RUN_WORKER is set), transports, receipts, the sync clock, queries and metrics.
 */
@Module({
  imports: [WorkflowModule, WorkingCalendarModule],
  providers: [
    DeliveryPlatforms,
    DeliveryMessages,
    DeliveryMetrics,
    DeliveryQueries,
    DeliveryReceipts,
    DeliveryRelay,
    DeliveryLoop,
    SyncClocks,
    HttpTransport,
    NatsTransport,
    DeliveryTransports,
  ],
  exports: [
    DeliveryPlatforms,
    DeliveryQueries,
    DeliveryReceipts,
    DeliveryRelay,
    SyncClocks,
    DeliveryMessages,
  ],
})
export class DeliveryModule {}
