import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState, type ChangeEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/language';
import type { MessageKey } from '../../../i18n/messages';
import { parseScheduleText, splitDates, type TextProblem } from './schedule-text';

type Loaded = components['schemas']['CalendarLoadedScheduleDto'];

/** The form's own shape: dates as typed text, split into lists when sent. */
interface FestivalFields {
  name: string;
  holidays: string;
  makeupWorkdays?: string;
}
interface ScheduleFields {
  year: number;
  region?: string;
  source: string;
  festivals: FestivalFields[];
}

const PROBLEM_TEXT: Record<TextProblem['code'], MessageKey> = {
  EMPTY: 'admin.calendar.paste.empty',
  BAD_JSON: 'admin.calendar.paste.badJson',
  BAD_SHAPE: 'admin.calendar.paste.badShape',
  BAD_LINE: 'admin.calendar.paste.badLine',
  BAD_DATE: 'admin.calendar.paste.badDate',
  BAD_KIND: 'admin.calendar.paste.badKind',
};

/**
 * Loads a year's schedule as the State Council's notice sets it out (POST /calendar/schedules): the festivals with
 * their days off and make-up working weekends, typed or read from a pasted or uploaded JSON/CSV list. The API checks
 * it (every statutory festival present, make-up days on weekends, no date twice) and stores it as the year's next
 * version; deadlines computed provisionally on the year are then recomputed.
 */
export function LoadScheduleForm({ onLoaded }: { onLoaded: (loaded: Loaded) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ScheduleFields>();
  const [pasted, setPasted] = useState('');
  const [pasteProblems, setPasteProblems] = useState<string[]>([]);
  const load = useMutation({
    mutationFn: (values: ScheduleFields) =>
      unwrap(
        api.POST('/api/v1/calendar/schedules', {
          body: {
            year: values.year,
            region: values.region?.trim() || null,
            source: values.source.trim(),
            festivals: values.festivals.map((f) => ({
              name: f.name.trim(),
              holidays: splitDates(f.holidays),
              makeupWorkdays: splitDates(f.makeupWorkdays),
            })),
          },
        }),
      ),
    onSuccess: onLoaded,
  });

  const fillFrom = (text: string) => {
    const parsed = parseScheduleText(text);
    if (!parsed.ok) {
      setPasteProblems(
        parsed.problems.map((p) => t(PROBLEM_TEXT[p.code], { line: p.line, value: p.value ?? '' })),
      );
      return;
    }
    setPasteProblems([]);
    form.setFieldsValue({
      ...(parsed.year ? { year: parsed.year } : {}),
      ...(parsed.source ? { source: parsed.source } : {}),
      festivals: parsed.festivals.map((f) => ({
        name: f.name,
        holidays: f.holidays.join(', '),
        makeupWorkdays: f.makeupWorkdays.join(', '),
      })),
    });
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setPasted(text);
    fillFrom(text);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('admin.calendar.paste.title')}>
        <Typography.Paragraph type="secondary">{t('admin.calendar.paste.hint')}</Typography.Paragraph>
        <label htmlFor="schedule-paste" style={{ display: 'block', marginBottom: 4 }}>
          {t('admin.calendar.paste.label')}
        </label>
        <Input.TextArea
          id="schedule-paste"
          rows={5}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder={'日期,类型,节日\n2027-02-06,放假,春节\n2027-02-20,调休,春节'}
          style={{ fontFamily: 'monospace' }}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Button onClick={() => fillFrom(pasted)}>{t('admin.calendar.paste.apply')}</Button>
          <label htmlFor="schedule-file">{t('admin.calendar.paste.file')}</label>
          <input
            id="schedule-file"
            type="file"
            accept=".json,.csv,.txt,application/json,text/csv"
            onChange={(e) => void readFile(e)}
          />
        </Space>
        {pasteProblems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 8 }}
            title={t('admin.calendar.paste.failed')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {pasteProblems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>
      <Form<ScheduleFields>
        form={form}
        layout="vertical"
        disabled={load.isPending}
        initialValues={{ festivals: [{ name: '', holidays: '', makeupWorkdays: '' }] }}
        onFinish={(values) => load.mutate(values)}
      >
        <Space wrap align="start">
          <Form.Item
            label={t('admin.calendar.year')}
            name="year"
            rules={[{ required: true, message: t('admin.calendar.yearRequired') }]}
          >
            <InputNumber min={1949} max={2200} precision={0} />
          </Form.Item>
          <Form.Item
            label={t('admin.calendar.region')}
            name="region"
            extra={t('admin.calendar.regionHint')}
            rules={[{ pattern: /^\d{2}0000$/, message: t('admin.calendar.regionHint') }]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item
          label={t('admin.calendar.source')}
          name="source"
          rules={[
            { required: true, whitespace: true, message: t('admin.calendar.sourceRequired') },
            { max: 300 },
          ]}
        >
          <Input placeholder="国务院办公厅关于2027年部分节假日安排的通知" />
        </Form.Item>
        <Form.List name="festivals">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('admin.calendar.festival', { n: index + 1 })}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" onClick={() => remove(field.name)}>
                        {t('admin.calendar.removeFestival')}
                      </Button>
                    )
                  }
                >
                  <Form.Item
                    label={t('admin.calendar.festivalName')}
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('admin.calendar.festivalNameRequired') },
                    ]}
                  >
                    <Input placeholder="春节" />
                  </Form.Item>
                  <Form.Item
                    label={t('admin.calendar.holidays')}
                    name={[field.name, 'holidays']}
                    extra={t('admin.calendar.datesHint')}
                    rules={[
                      { required: true, whitespace: true, message: t('admin.calendar.holidaysRequired') },
                    ]}
                  >
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item
                    label={t('admin.calendar.makeupWorkdays')}
                    name={[field.name, 'makeupWorkdays']}
                    extra={t('admin.calendar.datesHint')}
                  >
                    <Input.TextArea rows={1} />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ name: '', holidays: '', makeupWorkdays: '' })}>
                {t('admin.calendar.addFestival')}
              </Button>
            </Space>
          )}
        </Form.List>
        {load.error && (
          <Form.Item style={{ marginTop: 16 }}>
            <ProblemAlert error={load.error} title={t('admin.calendar.loadFailed')} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={load.isPending} style={{ marginTop: 16 }}>
          {t('admin.calendar.load')}
        </Button>
      </Form>
    </Space>
  );
}
