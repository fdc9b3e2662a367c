import type { BilingualText } from '@credence/shared';

/**
 * What went wrong, by where it happened: a delivery to another platform (outbox), an outward message to a person
 * (e-mail, SMS), or a reaction its target case refused. `failing` is still being retried; `dead` needs an operator.
 */
export const INCIDENT_KINDS = [
  'delivery_failing',
  'delivery_dead',
  'delivery_refused',
  'outward_failing',
  'outward_dead',
  'reaction_refused',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_KIND_LABELS: Record<IncidentKind, BilingualText> = {
  delivery_failing: { zh: '推送失败（重试中）', en: 'Delivery failing (retrying)' },
  delivery_dead: { zh: '推送死信', en: 'Delivery dead letter' },
  delivery_refused: { zh: '平台拒绝执行', en: 'Refused by the platform' },
  outward_failing: { zh: '通知发送失败（重试中）', en: 'Message failing (retrying)' },
  outward_dead: { zh: '通知死信', en: 'Message dead letter' },
  reaction_refused: { zh: '联动操作被拒绝', en: 'Reaction refused by its target' },
};

/** Where an incident lives, named in its id: `delivery:<uuid>`, `outward:<uuid>`, `reaction:<number>`. */
export const INCIDENT_SOURCES = ['delivery', 'outward', 'reaction'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_ID_PATTERN =
  /^(?:(?:delivery|outward):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|reaction:[1-9][0-9]{0,17})$/;

export function parseIncidentId(id: string): { source: IncidentSource; key: string } | null {
  if (!INCIDENT_ID_PATTERN.test(id)) return null;
  const at = id.indexOf(':');
  return { source: id.slice(0, at) as IncidentSource, key: id.slice(at + 1) };
}
