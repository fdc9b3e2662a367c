import { describe, expect, it } from '@jest/globals';
import { canonicalDecisionDocument, decisionContentDigest, decisionDate } from '@credence/documents';
import { fontBytes } from './fonts';
import { sampleRepairDecision } from './testing/sample-decision';

describe('decision document content', () => {
  it('digests only what is printed, whatever the key order or extra fields', () => {
    const doc = sampleRepairDecision();
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as typeof doc;
    const withExtras = { ...doc, caseId: 'ignored', subject: { ...doc.subject, extra: 1 } };

    expect(decisionContentDigest(doc)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decisionContentDigest(reordered)).toBe(decisionContentDigest(doc));
    expect(decisionContentDigest(withExtras)).toBe(decisionContentDigest(doc));
    expect(canonicalDecisionDocument(withExtras)).toEqual(doc);
    expect(decisionContentDigest({ ...doc, legalBasis: [...doc.legalBasis].reverse() })).not.toBe(
      decisionContentDigest(doc),
    );
  });

  it('reads decidedAt as a Beijing calendar date or an instant', () => {
    expect(decisionDate('2026-06-01')).toEqual({
      date: '2026-06-01',
      instant: new Date('2026-05-31T16:00:00Z'),
    });
    // 2026-05-31 16:30 UTC is already 1 June in Beijing.
    expect(decisionDate('2026-05-31T16:30:00Z').date).toBe('2026-06-01');
    expect(() => decisionDate('June 1, 2026')).toThrow(RangeError);
    expect(() => decisionDate('2026-02-29')).toThrow(RangeError);
  });

  it('reads each font file once per process', () => {
    expect(fontBytes('regular')).toBe(fontBytes('regular'));
    expect(fontBytes('bold')).not.toBe(fontBytes('regular'));
    // A TrueType font starts with version 1.0.
    expect(fontBytes('bold').readUInt32BE(0)).toBe(0x00010000);
  });
});
