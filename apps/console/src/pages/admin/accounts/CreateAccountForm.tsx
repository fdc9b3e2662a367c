import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space } from 'antd';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import type { MessageKey } from '../../../i18n/messages';
import { roleNeeds, ROLES, type AccountView } from './account-filter';

type NewAccount = components['schemas']['CreateAccountDto'];
type SubjectType = NonNullable<NewAccount['subjectType']>;

const SUBJECT_TYPES: SubjectType[] = [
  'legal_person',
  'other_organisation',
  'individual_business',
  'natural_person',
];
// The API's patterns (accounts.dto.ts): a username of 3–64 letters, digits, `.`, `_`, `-`; a password of 8–256.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * A new account (POST /accounts). The fields follow the role as the API requires (account-shape.ts): staff belong to
 * an authority, applicants to a credit subject; the API still checks everything and its refusal is shown as sent.
 */
export function CreateAccountForm({ onCreated }: { onCreated: (account: AccountView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewAccount>();
  const needs = roleNeeds(Form.useWatch('role', form));
  const authorities = useQuery({
    queryKey: ['authorities'],
    queryFn: () => unwrap(api.GET('/api/v1/authorities')),
  });
  const create = useMutation({
    mutationFn: (body: NewAccount) => unwrap(api.POST('/api/v1/accounts', { body })),
    onSuccess: (account) => {
      form.resetFields();
      onCreated(account);
    },
  });
  const submit = (values: NewAccount) => {
    const needs = roleNeeds(values.role);
    create.mutate({
      username: values.username.trim(),
      password: values.password,
      displayName: values.displayName.trim(),
      role: values.role,
      ...(needs.authority !== 'none' && values.authorityCode ? { authorityCode: values.authorityCode } : {}),
      ...(needs.subject
        ? {
            subjectType: values.subjectType,
            subjectCode: values.subjectCode?.trim(),
            subjectName: values.subjectName?.trim(),
          }
        : {}),
    });
  };
  const required = (key: MessageKey) => [{ required: true, whitespace: true, message: t(key) }];

  return (
    <Form<NewAccount>
      form={form}
      layout="vertical"
      requiredMark
      onFinish={submit}
      disabled={create.isPending}
    >
      <Form.Item
        label={t('admin.accounts.username')}
        name="username"
        extra={t('admin.accounts.usernameHint')}
        rules={[
          ...required('admin.accounts.usernameRequired'),
          { pattern: USERNAME, message: t('admin.accounts.usernameHint') },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('admin.accounts.displayName')}
        name="displayName"
        rules={[...required('admin.accounts.displayNameRequired'), { max: 100 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label={t('admin.accounts.role')}
        name="role"
        rules={[{ required: true, message: t('admin.accounts.roleRequired') }]}
      >
        <Select options={ROLES.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }))} />
      </Form.Item>
      {needs.authority !== 'none' && (
        <Form.Item
          label={t('admin.accounts.authority')}
          name="authorityCode"
          extra={needs.authority === 'optional' ? t('admin.accounts.authorityOptional') : undefined}
          rules={
            needs.authority === 'required'
              ? [{ required: true, message: t('admin.accounts.authorityRequired') }]
              : []
          }
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={authorities.isPending}
            options={(authorities.data ?? []).map((a) => ({
              value: a.code,
              label: `${a.nameZh}（${a.code}）`,
            }))}
          />
        </Form.Item>
      )}
      {needs.subject && (
        <>
          <Form.Item
            label={t('admin.accounts.subjectType')}
            name="subjectType"
            rules={[{ required: true, message: t('admin.accounts.subjectRequired') }]}
          >
            <Select
              options={SUBJECT_TYPES.map((type) => ({
                value: type,
                label: t(`admin.subjectType.${type}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item
            label={t('admin.accounts.subjectCode')}
            name="subjectCode"
            rules={required('admin.accounts.subjectRequired')}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label={t('admin.accounts.subjectName')}
            name="subjectName"
            rules={required('admin.accounts.subjectRequired')}
          >
            <Input />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={t('admin.accounts.password')}
        name="password"
        extra={t('admin.accounts.passwordHint')}
        rules={[
          { required: true, message: t('admin.accounts.passwordLength') },
          { min: 8, max: 256, message: t('admin.accounts.passwordLength') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {create.error && (
        <Form.Item>
          <ProblemAlert error={create.error} title={t('admin.accounts.createFailed')} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('admin.accounts.create')}
        </Button>
      </Space>
    </Form>
  );
}
