import { describe, expect, it } from '@jest/globals';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('gives Chinese names in UTF-8 and an ASCII fallback', () => {
    expect(attachmentDisposition('整改证明.pdf')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E8%AF%81%E6%98%8E.pdf`,
    );
  });

  it('escapes what would end or break the header', () => {
    const header = attachmentDisposition(`a"b\\c'(1)*%.png`);
    expect(header).toBe(
      `attachment; filename="a_b_c'(1)*_.png"; filename*=UTF-8''a%22b%5Cc%27%281%29%2A%25.png`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe(`a"b\\c'(1)*%.png`);
  });
});
