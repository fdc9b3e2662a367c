import { Button, Card, Checkbox, Input, Select, Space, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/language';
import type { RecordItem } from './case-reading';

/** The five steps both applicant wizards walk through; the second is the wizard's own (details or conditions). */
export function WizardFrame({
  title,
  secondStep,
  current,
  notices,
  children,
}: {
  title: string;
  secondStep: string;
  current: number;
  /** Shown between the steps and the card: what went wrong loading, what is missing, a saved draft. */
  notices: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const steps = [
    t('wizard.step.record'),
    secondStep,
    t('wizard.step.materials'),
    t('wizard.step.commitment'),
    t('wizard.step.review'),
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 0 }}>
        {title}
      </Typography.Title>
      <Steps current={current} items={steps.map((title) => ({ title }))} />
      {notices}
      <Card>{children}</Card>
      <Link to="/portal" style={{ textDecoration: 'underline' }}>
        ← {t('portal.title')}
      </Link>
    </Space>
  );
}

/** One step's content, stacked full width. */
export function WizardStep({ children }: { children: ReactNode }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {children}
    </Space>
  );
}

/** 上一步 and the step's primary button (下一步 unless named). */
export function WizardNav({
  onBack,
  onNext,
  nextLabel,
  loading,
  disabled,
}: {
  onBack: () => void;
  onNext: () => void;
  nextLabel?: string;
  loading?: boolean;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Space>
      <Button onClick={onBack}>{t('wizard.back')}</Button>
      <Button type="primary" loading={loading} disabled={disabled} onClick={onNext}>
        {nextLabel ?? t('wizard.next')}
      </Button>
    </Space>
  );
}

/** The record the application is about, chosen among those the wizard allows; labelled for screen readers. */
export function RecordSelect({
  id,
  records,
  value,
  onChange,
  loading,
}: {
  id: string;
  records: RecordItem[];
  value: string | undefined;
  onChange: (recordId: string) => void;
  loading?: boolean;
}) {
  const { t, pick } = useI18n();
  return (
    <>
      <label htmlFor={id}>{t('wizard.record')}</label>
      <Select
        id={id}
        style={{ width: '100%' }}
        loading={loading}
        value={value}
        onChange={onChange}
        options={records.map((r) => ({
          value: r.id,
          label: `${r.decisionNumber}（${pick(r.publicStatusLabel)}）`,
        }))}
      />
    </>
  );
}

/** The credit commitment (信用承诺): its text, prefilled from the template, and the consent to publish it. */
export function CommitmentFields({
  id,
  minRows,
  text,
  onText,
  consent,
  onConsent,
}: {
  id: string;
  minRows: number;
  text: string;
  onText: (text: string) => void;
  consent: boolean;
  onConsent: (consent: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={id}>{t('wizard.commitment.text')}</label>
      <Input.TextArea id={id} autoSize={{ minRows }} value={text} onChange={(e) => onText(e.target.value)} />
      <Checkbox checked={consent} onChange={(e) => onConsent(e.target.checked)}>
        {t('wizard.commitment.consent')}
      </Checkbox>
    </>
  );
}
