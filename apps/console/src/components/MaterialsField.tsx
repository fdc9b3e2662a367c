import { Button, List, Progress, Select, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ProblemAlert } from './ProblemAlert';
import { ACCEPT_ATTRIBUTE, checkMaterial, MATERIAL_MAX_BYTES, uploadMaterial } from '../files/transfer';
import { useI18n } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';

export interface ChosenMaterial {
  fileId: string;
  fileName: string;
  size: number;
  category: string;
}

interface Uploading {
  key: string;
  name: string;
  percent: number;
}

/**
 * Materials for an application, an objection or a supplement: each file checked (type, size) before it leaves the
 * browser, uploaded with a progress bar, then listed with its category. The API checks the bytes again.
 */
export function MaterialsField({
  label,
  categories,
  value,
  onChange,
}: {
  label: string;
  categories: readonly string[];
  value: ChosenMaterial[];
  onChange: (next: ChosenMaterial[]) => void;
}) {
  const { t } = useI18n();
  const [category, setCategory] = useState(categories[0]);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [error, setError] = useState<unknown>(null);
  const sizeMb = MATERIAL_MAX_BYTES / 1024 / 1024;
  // Several uploads may finish out of order: each appends to the list as it is then, not as it was when it started.
  const latest = useRef(value);
  latest.current = value;
  const onChangeLatest = (added: ChosenMaterial[]) => onChange([...latest.current, ...added]);
  const categoryLabel = (c: string) => t(`category.${c}` as MessageKey);
  const selectId = `material-category-${label.length}`;

  const upload = (file: File) => {
    const check = checkMaterial(file);
    if (check !== 'ok') {
      setError(
        new Error(
          t(check === 'badType' ? 'wizard.materials.badType' : 'wizard.materials.tooLarge', {
            name: file.name,
            size: sizeMb,
          }),
        ),
      );
      return;
    }
    setError(null);
    const key = `${file.name}-${Date.now()}`;
    const chosenCategory = category;
    setUploading((now) => [...now, { key, name: file.name, percent: 0 }]);
    const progress = (percent: number) =>
      setUploading((now) => now.map((u) => (u.key === key ? { ...u, percent } : u)));
    uploadMaterial(file, progress)
      .then((uploaded) =>
        onChangeLatest([
          { fileId: uploaded.id, fileName: uploaded.fileName, size: uploaded.size, category: chosenCategory },
        ]),
      )
      .catch(setError)
      .finally(() => setUploading((now) => now.filter((u) => u.key !== key)));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('wizard.materials.hint', { size: sizeMb })}</Typography.Text>
      <Space wrap align="end">
        <Space orientation="vertical" size={4}>
          <label htmlFor={selectId}>{t('wizard.materials.category')}</label>
          <Select
            id={selectId}
            style={{ minWidth: 220 }}
            value={category}
            onChange={setCategory}
            options={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
          />
        </Space>
        <Upload
          accept={ACCEPT_ATTRIBUTE}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            upload(file);
            return false;
          }}
        >
          <Button type="primary">{t('wizard.materials.choose')}</Button>
        </Upload>
      </Space>
      {uploading.map((u) => (
        <div key={u.key}>
          <Typography.Text>{t('wizard.materials.uploading', { name: u.name })}</Typography.Text>
          <Progress percent={u.percent} aria-label={t('wizard.materials.uploading', { name: u.name })} />
        </div>
      ))}
      <ProblemAlert error={error} />
      <section aria-label={label}>
        <List
          bordered
          dataSource={value}
          locale={{ emptyText: <Typography.Text>{t('wizard.materials.none')}</Typography.Text> }}
          renderItem={(m) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  type="link"
                  aria-label={`${t('wizard.materials.remove')} ${m.fileName}`}
                  onClick={() => onChange(value.filter((x) => x.fileId !== m.fileId))}
                >
                  {t('wizard.materials.remove')}
                </Button>,
              ]}
            >
              <Space wrap>
                <Typography.Text strong>{m.fileName}</Typography.Text>
                <Typography.Text>{categoryLabel(m.category)}</Typography.Text>
                <Typography.Text type="secondary">{(m.size / 1024).toFixed(1)} KB</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </section>
    </Space>
  );
}
