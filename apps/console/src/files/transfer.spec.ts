import { describe, expect, it } from '@jest/globals';
import { checkMaterial, fileNameOf, MATERIAL_MAX_BYTES } from './transfer';

describe('materials and documents', () => {
  it('accepts PDF, JPEG, PNG and OFD up to the limit, and nothing else', () => {
    expect(checkMaterial({ name: '整改证明.pdf', type: 'application/pdf', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: 'scan.JPG', type: '', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: '电子证照.ofd', type: '', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: 'notes.docx', type: 'application/msword', size: 10 })).toBe('badType');
    expect(checkMaterial({ name: 'big.pdf', type: 'application/pdf', size: MATERIAL_MAX_BYTES + 1 })).toBe(
      'tooLarge',
    );
  });

  it('reads the UTF-8 file name of a download', () => {
    expect(fileNameOf(`attachment; filename*=UTF-8''${encodeURIComponent('XF-1-信用修复决定书.pdf')}`)).toBe(
      'XF-1-信用修复决定书.pdf',
    );
    expect(fileNameOf('attachment; filename="notice.pdf"')).toBe('notice.pdf');
    expect(fileNameOf(null)).toBeNull();
  });
});
