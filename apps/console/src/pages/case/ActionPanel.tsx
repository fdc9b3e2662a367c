import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemOf, ProblemError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { isWorkbenchKey } from '../../i18n/messages-workbench';
import { actionFormOf, requestBodyOf, type ActionField, type OpenApiDocument } from './action-form';

type CaseView = components['schemas']['CaseViewDto'];
type ActionOption = components['schemas']['CaseActionOptionDto'];

/** The API's OpenAPI document: the request schema of every action route (read once per visit). */
function useOpenApiDocument() {
  return useQuery({
    queryKey: ['openapi-document'],
    staleTime: Infinity,
    queryFn: async (): Promise<OpenApiDocument> => {
      const response = await fetch('/api/docs-json');
      if (!response.ok) throw new ProblemError(problemOf(null, response));
      return (await response.json()) as OpenApiDocument;
    },
  });
}

/**
 * The case's actions: a form for each one the caller may take now, built from its route's request schema; each one
 * not possible now shown disabled with the refusal the API gives (who must act instead, what is missing).
 */
export function ActionPanel({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const document = useOpenApiDocument();
  const available = view.actions.filter((a) => a.available);
  const unavailable = view.actions.filter((a) => !a.available);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {available.length === 0 && <Typography.Paragraph>{t('staffCase.actions.none')}</Typography.Paragraph>}
      <ProblemAlert error={document.error} />
      {document.isLoading && <Spin description={t('staffCase.actions.schemaLoading')} />}
      {document.data &&
        available.map((option) => (
          <ActionForm key={option.action} view={view} option={option} document={document.data} />
        ))}
      {unavailable.length > 0 && (
        <section aria-labelledby="unavailable-actions">
          <Typography.Title level={3} id="unavailable-actions" style={{ fontSize: 16 }}>
            {t('staffCase.actions.unavailable')}
          </Typography.Title>
          <ul style={{ paddingInlineStart: 0, listStyle: 'none' }}>
            {unavailable.map((option) => (
              <UnavailableAction key={option.action} option={option} />
            ))}
          </ul>
        </section>
      )}
    </Space>
  );
}

function UnavailableAction({ option }: { option: ActionOption }) {
  const { pick } = useI18n();
  const reasonId = `refusal-${option.action}`;
  return (
    <li style={{ marginBottom: 8 }} data-action={option.action}>
      <Space align="start" wrap>
        <Button disabled aria-describedby={reasonId}>
          {pick(option.label) || option.action}
        </Button>
        <Typography.Text id={reasonId} data-refusal-code={option.refusal?.code}>
          {pick(option.refusal?.message)}
        </Typography.Text>
      </Space>
    </li>
  );
}

const newKey = () => crypto.randomUUID();

function ActionForm({
  view,
  option,
  document,
}: {
  view: CaseView;
  option: ActionOption;
  document: OpenApiDocument;
}) {
  const { t, pick } = useI18n();
  const queries = useQueryClient();
  const [form] = Form.useForm();
  // One key per submission (ADR 0006): a retry of the same submission after a lost answer reuses it.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const spec = actionFormOf(document, view.type, option.action);
  const title = pick(option.label) || option.action;
  const post = api.POST as unknown as (
    path: string,
    init: { params: { path: { id: string } }; body: unknown; headers: Record<string, string> },
  ) => Promise<{ error?: unknown; response: Response }>;

  const act = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      const answer = await post(spec!.path, {
        params: { path: { id: view.id } },
        body: requestBodyOf(spec!.fields, values),
        // The version this page showed: a case changed meanwhile answers 412 instead of acting on what nobody read.
        headers: { 'If-Match': `"${view.version}"`, 'Idempotency-Key': idempotencyKey },
      });
      if (!answer.response.ok) throw new ProblemError(problemOf(answer.error, answer.response));
    },
    onSuccess: () => {
      setIdempotencyKey(newKey());
      form.resetFields();
      void queries.invalidateQueries({ queryKey: ['case', view.id] });
      void queries.invalidateQueries({ queryKey: ['work-items'] });
    },
    onError: (error) => {
      if (error instanceof ProblemError && error.status !== 0) setIdempotencyKey(newKey());
    },
  });

  const stale = act.error instanceof ProblemError && act.error.status === 412;
  const headingId = `action-${option.action}`;
  return (
    <Card size="small" role="region" aria-labelledby={headingId} data-action={option.action}>
      <Typography.Title level={3} id={headingId} style={{ fontSize: 16, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {!spec || spec.unsupported.length > 0 ? (
        <Typography.Paragraph>{t('staffCase.actions.unsupported')}</Typography.Paragraph>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(values: Record<string, unknown>) => act.mutate(values)}
        >
          {spec.fields.map((field) => (
            <FieldOf key={field.name} field={field} action={option.action} />
          ))}
          {stale ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={t('staffCase.changed')}
              action={
                <Button onClick={() => void queries.invalidateQueries({ queryKey: ['case', view.id] })}>
                  {t('staffCase.reload')}
                </Button>
              }
            />
          ) : (
            <ProblemAlert error={act.error} />
          )}
          <Button type="primary" htmlType="submit" loading={act.isPending} style={{ marginTop: 8 }}>
            {t('staffCase.actions.submit', { action: title })}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function FieldOf({ field, action }: { field: ActionField; action: string }) {
  const { t, pick } = useI18n();
  const known = `staffCase.field.${field.name}`;
  const base = isWorkbenchKey(known) ? t(known) : pick(field.label) || field.name;
  const label = field.kind === 'lines' ? `${base}（${t('staffCase.actions.lines')}）` : base;
  const id = `${action}-${field.name}`;
  const optionLabel = (value: string) => {
    const key = `staffCase.option.${value}`;
    return isWorkbenchKey(key) ? t(key) : value;
  };
  const rules = field.required
    ? [{ required: true, message: t('staffCase.actions.required', { field: base }) }]
    : [];
  const common = { name: field.name, label, htmlFor: id, rules };
  switch (field.kind) {
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Checkbox id={id}>{t('staffCase.actions.yes')}</Checkbox>
        </Form.Item>
      );
    case 'choice':
      return (
        <Form.Item {...common}>
          <Select id={id} options={field.options.map((value) => ({ value, label: optionLabel(value) }))} />
        </Form.Item>
      );
    case 'choices':
      return (
        <Form.Item {...common}>
          <Select
            id={id}
            mode="multiple"
            options={field.options.map((value) => ({ value, label: optionLabel(value) }))}
          />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item {...common}>
          <Input id={id} maxLength={field.maxLength ?? undefined} />
        </Form.Item>
      );
    case 'lines':
    case 'longText':
      return (
        <Form.Item {...common}>
          <Input.TextArea id={id} autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      );
  }
}
