import { Button, Select, Space, Typography } from 'antd';
import { useId } from 'react';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { useColleagues, useRoleName, type WorkOperation } from '../workbench/work-operations';

/** A refusal as the API words it: met by the last attempt (a problem) or stated beforehand (the work answer). */
export interface StatedRefusal {
  code: string;
  message: { zh: string; en: string };
}

/**
 * An operation that is not possible now, disabled, with the API's words beside it (as ActionPanel shows an action
 * that is not possible now): the button names the operation, the text says why.
 */
function Refused({ label, code, words }: { label: string; code: string | undefined; words: string }) {
  const reasonId = useId();
  return (
    <Space align="start" wrap data-operation-refused>
      <Button disabled aria-describedby={reasonId}>
        {label}
      </Button>
      <Typography.Text id={reasonId} data-refusal-code={code}>
        {words}
      </Typography.Text>
    </Space>
  );
}

/**
 * A one-click operation (claim, release, recall, urge): its button; or, disabled, the refusal its last attempt met
 * or the one the API states beforehand (`refusal`: a claim the caller may not make).
 */
export function OperationButton({
  op,
  label,
  onClick,
  primary = false,
  refusal = null,
}: {
  op: WorkOperation;
  label: string;
  onClick: () => void;
  primary?: boolean;
  refusal?: StatedRefusal | null;
}) {
  const { pick } = useI18n();
  if (op.refused)
    return <Refused label={label} code={op.refused.problem.code} words={op.refused.problem.title} />;
  if (refusal) return <Refused label={label} code={refusal.code} words={pick(refusal.message)} />;
  return (
    <Button type={primary ? 'primary' : 'default'} loading={op.isPending} onClick={onClick}>
      {label}
    </Button>
  );
}

/** A form's submit button, or the refusal the submission met (until the input changes or the case does). */
export function SubmitOrRefused({ op, label }: { op: WorkOperation; label: string }) {
  if (op.refused)
    return <Refused label={label} code={op.refused.problem.code} words={op.refused.problem.title} />;
  return (
    <Button type="primary" htmlType="submit" loading={op.isPending}>
      {label}
    </Button>
  );
}

/** What became of the last attempt: a failure as an alert (unless shown as the refusal), a success in words. */
export function OperationStatus({ op, label }: { op: WorkOperation; label: string }) {
  const { t } = useI18n();
  return (
    <>
      <ProblemAlert error={op.alert} />
      <div role="status">
        {op.isSuccess && !op.isPending && (
          <Typography.Text>{t('workOps.done', { action: label })}</Typography.Text>
        )}
      </div>
    </>
  );
}

/** A picker of colleagues of the caller's authority, by name and role (the caller left out). */
export function ColleagueSelect({
  id,
  multiple = false,
  exclude = [],
  ...props
}: {
  id: string;
  multiple?: boolean;
  exclude?: (string | null)[];
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
}) {
  const { session } = useAuth();
  const colleagues = useColleagues();
  const role = useRoleName();
  const options = (colleagues.data ?? [])
    .filter((c) => c.accountId !== session?.user.id && !exclude.includes(c.accountId))
    .map((c) => ({
      value: c.accountId,
      label: `${c.displayName}（${role(c.role)}）`,
    }));
  return (
    <Select
      {...props}
      id={id}
      mode={multiple ? 'multiple' : undefined}
      loading={colleagues.isLoading}
      style={{ minWidth: 200 }}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

/** A required form item's rule, in words. */
export const required = (message: string) => [{ required: true, whitespace: true, message }];
