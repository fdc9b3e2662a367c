import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import type { VersionStatus } from './effective-dates';

const COLOUR: Record<VersionStatus, string> = {
  'in-force': TAG_COLOURS.green,
  scheduled: TAG_COLOURS.blue,
  superseded: TAG_COLOURS.grey,
};

/** 现行 / 待生效 / 已被取代: where an effective-dated version stands today. */
export function VersionTag({ status }: { status: VersionStatus | undefined }) {
  const { t } = useI18n();
  if (!status) return null;
  return <Tag color={COLOUR[status]}>{t(`admin.version.${status}`)}</Tag>;
}

/** A date or a code kept on one line: a narrow column must not break 2026-04-01 after its hyphen. */
export function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}
