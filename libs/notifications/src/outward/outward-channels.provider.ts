import type { Provider } from '@nestjs/common';
import { Env } from '@credence/shared';
import { OutwardChannels, type OutwardChannel } from './outward-channel';
import { HttpSmsGateway, SmsChannel } from './sms-gateway';
import { SmtpChannel } from './smtp-channel';

/** The channels the configuration turns on: e-mail with SMTP_URL, SMS with SMS_GATEWAY_URL; none by default. */
export function outwardChannelsFrom(env: Env): OutwardChannels {
  const channels: OutwardChannel[] = [];
  if (env.SMTP_URL) channels.push(new SmtpChannel(env.SMTP_URL, env.SMTP_FROM));
  if (env.SMS_GATEWAY_URL)
    channels.push(new SmsChannel(new HttpSmsGateway(env.SMS_GATEWAY_URL, env.SMS_GATEWAY_TOKEN)));
  return new OutwardChannels(channels);
}

export const OUTWARD_CHANNELS_PROVIDER: Provider = {
  provide: OutwardChannels,
  useFactory: outwardChannelsFrom,
  inject: [Env],
};
