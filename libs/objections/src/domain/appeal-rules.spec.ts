import { describe, expect, it } from '@jest/globals';
import { appealAuthorityOf, favourableOverturns, type AppealSetting } from './appeal-rules';

const county = { code: '320830', path: '320000/320800/320830', name: '盱眙县交通运输局' };
const city = { code: '320800', path: '320000/320800', name: '淮安市交通运输局' };
const setting = (value: AppealSetting['value']): AppealSetting => ({
  value,
  settingId: '7',
  authorityCode: null,
  effectiveFrom: '2019-01-01',
});

describe('appeal rules', () => {
  it('overturns only to an outcome that grants the subject more (不利变更禁止)', () => {
    expect(favourableOverturns('maintain')).toEqual(['unverifiable', 'correct', 'remove']);
    expect(favourableOverturns('unverifiable')).toEqual(['correct', 'remove']);
    expect(favourableOverturns('correct')).toEqual(['correct', 'remove']);
    expect(favourableOverturns('remove')).toEqual([]);
  });

  it('sends the appeal to the finding authority or, by setting, the one above it', () => {
    expect(appealAuthorityOf(setting('same-authority'), county, city)).toMatchObject({
      authority: county,
      decidedBy: 'same-authority',
      setting: { settingId: '7', value: 'same-authority' },
      note: null,
    });
    expect(appealAuthorityOf(setting('parent-authority'), county, city)).toMatchObject({
      authority: city,
      decidedBy: 'parent-authority',
    });
  });

  it('keeps a province’s appeal at the province, saying why', () => {
    const province = { code: '320000', path: '320000', name: '江苏省交通运输厅' };
    const choice = appealAuthorityOf(setting('parent-authority'), province, null);
    expect(choice).toMatchObject({ authority: province, decidedBy: 'same-authority' });
    expect(choice.note).toContain('no authority above it');
  });
});
