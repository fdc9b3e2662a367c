import { decisionFactsOf } from './decision-facts';

const metadata = { actorId: 'a', actorRole: 'officer', correlationId: 'c' };
const sha = 'AB'.repeat(32);

describe('decisionFactsOf', () => {
  it('reads the convention every workflow follows', () => {
    const facts = decisionFactsOf(
      {
        reasons: ['材料齐全', '已履行处罚'],
        reasonCodes: ['MATERIALS_COMPLETE'],
        opinion: '同意修复',
        legalBasis: '《交通运输信用修复管理办法》第十条',
        gradeSnapshot: { grade: 'B', score: 82 },
        materials: [{ id: 'm1', sha256: sha }, { id: 'bad', sha256: 'not-a-digest' }, 'junk'],
        outcome: 'granted',
      },
      { ...metadata, ruleSet: 'ndrc-order-36-2026' },
    );
    expect(facts).toEqual({
      reasons: ['材料齐全', '已履行处罚'],
      reasonCodes: ['MATERIALS_COMPLETE'],
      opinion: '同意修复',
      legalBasis: '《交通运输信用修复管理办法》第十条',
      ruleSet: 'ndrc-order-36-2026',
      gradeSnapshot: { grade: 'B', score: 82 },
      materials: [{ id: 'm1', sha256: sha.toLowerCase() }],
      outcome: 'granted',
    });
  });

  it('takes the listed reasons of an event that also keeps them joined as one reason, not the joined text again', () => {
    expect(
      decisionFactsOf({ reason: '经营计划调整；不再申请', reasons: ['经营计划调整', '不再申请'] }, metadata),
    ).toMatchObject({ reasons: ['经营计划调整', '不再申请'] });
  });

  it('reads what credit-record events carried before reasons were a list: a single reason, the record legal basis, the rule set in data', () => {
    expect(decisionFactsOf({ reason: '法院裁定批准重整计划', legalBasis: null }, metadata)).toMatchObject({
      reasons: ['法院裁定批准重整计划'],
      legalBasis: null,
      ruleSet: null,
    });
    expect(
      decisionFactsOf(
        { record: { legalBasis: '《道路运输条例》第七十条' }, ruleSet: 'mot-527-2019' },
        metadata,
      ),
    ).toMatchObject({ legalBasis: '《道路运输条例》第七十条', ruleSet: 'mot-527-2019', reasons: [] });
  });

  it('never throws on odd shapes', () => {
    expect(
      decisionFactsOf({ reasons: 'x', materials: {}, gradeSnapshot: [1], opinion: 3 }, metadata),
    ).toEqual({
      reasons: [],
      reasonCodes: [],
      opinion: null,
      legalBasis: null,
      ruleSet: null,
      gradeSnapshot: null,
      materials: [],
      outcome: null,
    });
  });
});
