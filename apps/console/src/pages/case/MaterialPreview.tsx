import { Button, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { readSession } from '../../auth/session';
import { useI18n } from '../../i18n/language';

export interface PreviewedMaterial {
  id: string;
  fileName: string;
  mediaType: string;
}

/**
 * A material shown in the page: its bytes fetched with the bearer token (a plain link cannot carry it) and shown
 * from an object URL — a PDF in a frame, an image as an image; anything else is offered as a download.
 */
export function MaterialPreview({ material }: { material: PreviewedMaterial }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!open || url) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    const token = readSession()?.token;
    void fetch(`/api/v1/files/${material.id}/content`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        objectUrl = URL.createObjectURL(blob);
        if (!cancelled) setUrl(objectUrl);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // The object URL lives while the preview is open; closing revokes it.
  }, [open]);

  const close = () => {
    if (url) URL.revokeObjectURL(url);
    setUrl(null);
    setOpen(false);
  };
  const name = t('staffCase.materials.frame', { name: material.fileName });
  const pdf = material.mediaType === 'application/pdf';
  const image = material.mediaType.startsWith('image/');

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button size="small" onClick={() => (open ? close() : setOpen(true))} aria-expanded={open}>
          {open ? t('staffCase.materials.hide') : t('staffCase.materials.preview')}
        </Button>
        {url && (
          <a href={url} download={material.fileName}>
            {t('staffCase.materials.download')}
          </a>
        )}
      </Space>
      {open && !url && !failed && <Spin description={t('staffCase.materials.loading')} />}
      {open && failed && <Typography.Text type="danger">{t('app.networkError')}</Typography.Text>}
      {open && url && pdf && (
        <iframe title={name} src={url} style={{ width: '100%', height: 480, border: '1px solid #d9d9d9' }} />
      )}
      {open && url && image && <img src={url} alt={name} style={{ maxWidth: '100%', maxHeight: 480 }} />}
      {open && url && !pdf && !image && (
        <Typography.Text>{t('staffCase.materials.noPreview')}</Typography.Text>
      )}
    </Space>
  );
}
