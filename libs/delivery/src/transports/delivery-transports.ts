import { Injectable } from '@nestjs/common';
import type { PlatformTransport } from '../platforms';
import { HttpTransport } from './http-transport';
import { NatsTransport } from './nats-transport';
import type { DeliveryTransport } from './transport';

/** The transports behind the one port, by the name a platform's registration gives. */
@Injectable()
export class DeliveryTransports {
  constructor(
    private readonly http: HttpTransport,
    private readonly nats: NatsTransport,
  ) {}

  for(kind: PlatformTransport): DeliveryTransport {
    return kind === 'nats' ? this.nats : this.http;
  }
}
