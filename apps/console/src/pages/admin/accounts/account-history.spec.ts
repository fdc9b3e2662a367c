import { describe, expect, it } from '@jest/globals';
import { format, type MessageKey, type Params } from '../../../i18n/messages';
import { actorLabel, changeLabel, detailsLabel, newestFirst, type AccountChange } from './account-history';

const zh = (key: MessageKey, params?: Params) => format('zh', key, params);
const en = (key: MessageKey, params?: Params) => format('en', key, params);

const change = (over: Partial<AccountChange>): AccountChange => ({
  id: 1,
  change: 'activated',
  details: {},
  actorId: '0190f7a0-0000-7000-8000-000000000009',
  actorRole: 'admin',
  actorName: '系统管理员',
  changedAt: '2026-12-03T02:00:00.000Z',
  ...over,
});

describe('an account change in words', () => {
  it('names each kind of change', () => {
    const kinds: AccountChange['change'][] = [
      'created',
      'deactivated',
      'activated',
      'related-declared',
      'related-withdrawn',
    ];
    expect(kinds.map((kind) => changeLabel(change({ change: kind }), zh))).toEqual([
      '创建',
      '停用',
      '启用',
      '声明关联主体',
      '撤回关联主体',
    ]);
    expect(changeLabel(change({ change: 'related-withdrawn' }), en)).toBe('Related subject withdrawn');
  });

  it('names an account actor with its role, the system by where the change came from', () => {
    expect(actorLabel(change({}), zh)).toBe('系统管理员（系统管理员）');
    expect(actorLabel(change({ actorName: '张三', actorRole: 'officer' }), en)).toBe('张三 (Officer)');
    const system = (actorId: string) => change({ actorId, actorRole: 'system', actorName: null });
    expect(['cli', 'demo-seed', 'migration', 'import'].map((id) => actorLabel(system(id), zh))).toEqual([
      '系统（命令行）',
      '系统（演示数据）',
      '系统（数据迁移）',
      '系统（import）',
    ]);
    // An actor account that no longer resolves to a name is still shown: by its id.
    expect(actorLabel(change({ actorName: null }), zh)).toBe(
      '0190f7a0-0000-7000-8000-000000000009（系统管理员）',
    );
  });

  it('sets out the account as created, with its authority or the subject it acts for', () => {
    const officer = change({
      change: 'created',
      details: { username: 'officer-qinghe', role: 'officer', authorityCode: '320830', subjectCode: null },
    });
    expect(detailsLabel(officer, zh)).toBe('用户名 officer-qinghe；经办人；单位 320830');
    const applicant = change({
      change: 'created',
      details: {
        username: 'applicant-a',
        role: 'applicant',
        authorityCode: null,
        subjectCode: '91320830MA1XXXXXX1',
        subjectName: '通达运输有限公司',
      },
    });
    expect(detailsLabel(applicant, en)).toBe(
      'username applicant-a; Applicant; subject 通达运输有限公司 (91320830MA1XXXXXX1)',
    );
  });

  it('gives the related subject and the reason, or says none was given', () => {
    const declared = change({
      change: 'related-declared',
      details: { subjectCode: '91320830MA1XXXXXX1', reason: null },
    });
    expect(detailsLabel(declared, zh)).toBe('关联主体 91320830MA1XXXXXX1；未填写原因');
    const withdrawn = change({
      change: 'related-withdrawn',
      details: { subjectCode: '91320830MA1XXXXXX1', reason: '亲属已退股' },
    });
    expect(detailsLabel(withdrawn, zh)).toBe('关联主体 91320830MA1XXXXXX1；原因：亲属已退股');
    expect(detailsLabel(change({ change: 'deactivated' }), zh)).toBe('');
  });

  it('lists the newest change first', () => {
    expect(newestFirst([change({ id: 1 }), change({ id: 3 }), change({ id: 2 })]).map((c) => c.id)).toEqual([
      3, 2, 1,
    ]);
  });
});
