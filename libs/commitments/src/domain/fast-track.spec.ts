import { describe, expect, it } from '@jest/globals';
import { POLICY_CATALOGUE, type FastTrackPolicy } from '@credence/authority-policies';
import {
  consideredGrade,
  currentGrades,
  fastTrackEligibility,
  type FastTrackFacts,
  type GradeFact,
  type ListFact,
} from './fast-track';

const policy = POLICY_CATALOGUE['fast-track.policy'].defaultValue as FastTrackPolicy;
const grade = (
  g: GradeFact['grade'],
  evaluatedOn = '2026-01-10',
  scheme = 'highway-construction',
  id: string = g,
): GradeFact => ({
  id,
  grade: g,
  scheme,
  evaluatedOn,
  validUntil: null,
});
const list = (kind: ListFact['list']): ListFact => ({
  id: kind,
  list: kind,
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  reference: null,
});
const facts = (over: Partial<FastTrackFacts> = {}): FastTrackFacts => ({
  on: '2026-06-01',
  matter: '道路运输经营许可',
  grades: [],
  lists: [],
  unrepairedBreaches: [],
  seriousListRecords: [],
  policy,
  ...over,
});
const codes = (
  answer: ReturnType<typeof fastTrackEligibility>,
  track: 'approval_substitution' | 'missing_materials',
) => answer.tracks[track].reasons.map((r) => r.code);

describe('fast-track eligibility (信易批, DOMAIN §6)', () => {
  it('offers an AA-graded subject 告知承诺 and 容缺 with shorter internal deadlines', () => {
    const answer = fastTrackEligibility(facts({ grades: [grade('AA')] }));
    expect(answer.tracks.missing_materials.allowed).toBe(true);
    expect(answer.tracks.approval_substitution.allowed).toBe(true);
    expect(codes(answer, 'missing_materials')).toEqual(['ALLOWED_FOR_GRADE']);
    expect(answer.deadlineReductionPercent).toBe(30);
    expect(answer.snapshot.consideredGrade).toBe('AA');
  });

  it('refuses a D-graded subject both tracks, naming the grade, whatever the policy says', () => {
    const generous: FastTrackPolicy = {
      ...policy,
      grades: {
        ...policy.grades,
        D: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 50 },
      },
    };
    const answer = fastTrackEligibility(facts({ grades: [grade('D')], policy: generous }));
    expect(answer.tracks.missing_materials.allowed).toBe(false);
    expect(answer.tracks.approval_substitution.allowed).toBe(false);
    expect(codes(answer, 'missing_materials')).toEqual(['GRADE_D']);
    expect(answer.deadlineReductionPercent).toBe(0);
  });

  it('refuses a black-listed subject, by a list entry or a standing serious-dishonesty record', () => {
    expect(
      codes(
        fastTrackEligibility(facts({ grades: [grade('AA')], lists: [list('black')] })),
        'missing_materials',
      ),
    ).toEqual(['BLACK_LIST']);
    const byRecord = fastTrackEligibility(
      facts({
        seriousListRecords: [{ recordId: 'r', decisionNumber: '苏交罚〔2026〕1号', status: 'published' }],
      }),
    );
    expect(codes(byRecord, 'approval_substitution')).toEqual(['BLACK_LIST']);
  });

  it('refuses while a breach of an earlier commitment is unrepaired, red list or not', () => {
    const answer = fastTrackEligibility(
      facts({
        grades: [grade('AA')],
        lists: [list('red')],
        unrepairedBreaches: [
          {
            recordId: 'r',
            decisionNumber: '违诺〔CN-320830-2026-000001〕',
            status: 'published',
            commitmentCaseNumber: 'CN-320830-2026-000001',
          },
        ],
      }),
    );
    expect(answer.tracks.missing_materials.allowed).toBe(false);
    expect(codes(answer, 'missing_materials')).toEqual(['UNREPAIRED_BREACH']);
  });

  it('names every bar at once', () => {
    const answer = fastTrackEligibility(
      facts({
        grades: [grade('D')],
        lists: [list('black')],
        unrepairedBreaches: [{ recordId: null, decisionNumber: null, status: 'pending' }],
      }),
    );
    expect(codes(answer, 'approval_substitution')).toEqual(['GRADE_D', 'BLACK_LIST', 'UNREPAIRED_BREACH']);
  });

  it('follows the policy for other grades: C gets 容缺 but not 告知承诺 by default', () => {
    const answer = fastTrackEligibility(facts({ grades: [grade('C')] }));
    expect(answer.tracks.missing_materials.allowed).toBe(true);
    expect(answer.tracks.approval_substitution.allowed).toBe(false);
    expect(codes(answer, 'approval_substitution')).toEqual(['NOT_ALLOWED_FOR_GRADE']);
  });

  it('widens by the red list and narrows by the key-attention list', () => {
    const red = fastTrackEligibility(facts({ grades: [grade('C')], lists: [list('red')] }));
    expect(red.tracks.approval_substitution.allowed).toBe(true);
    expect(codes(red, 'approval_substitution')).toEqual(['ALLOWED_ON_RED_LIST']);
    expect(red.deadlineReductionPercent).toBe(30);
    const watched = fastTrackEligibility(facts({ grades: [grade('AA')], lists: [list('key_attention')] }));
    expect(watched.tracks.approval_substitution.allowed).toBe(false);
    expect(codes(watched, 'approval_substitution')).toEqual(['NOT_ALLOWED_ON_KEY_ATTENTION_LIST']);
    expect(watched.tracks.missing_materials.allowed).toBe(true);
    expect(watched.deadlineReductionPercent).toBe(0);
  });

  it('treats an ungraded subject by the policy row for ungraded (as A by default)', () => {
    const answer = fastTrackEligibility(facts());
    expect(answer.snapshot.consideredGrade).toBe('ungraded');
    expect(answer.tracks.approval_substitution.allowed).toBe(true);
    expect(answer.deadlineReductionPercent).toBe(0);
  });

  it('excludes the matters the authority lists from 告知承诺 only', () => {
    const answer = fastTrackEligibility(
      facts({
        grades: [grade('AA')],
        policy: { ...policy, approvalSubstitutionExcludedMatters: ['道路运输经营许可'] },
      }),
    );
    expect(codes(answer, 'approval_substitution')).toEqual(['MATTER_EXCLUDED']);
    expect(answer.tracks.missing_materials.allowed).toBe(true);
  });
});

describe('current grades', () => {
  it('takes the latest evaluation per scheme, made on or before the day and still valid', () => {
    const grades = [
      grade('AA', '2025-03-01', 'highway-construction', 'old'),
      grade('B', '2026-03-01', 'highway-construction', 'new'),
      grade('A', '2026-07-01', 'highway-construction', 'future'),
      { ...grade('A', '2025-01-01', 'road-transport', 'lapsed'), validUntil: '2025-12-31' },
    ];
    expect(currentGrades(grades, '2026-06-01').map((g) => g.id)).toEqual(['new']);
  });

  it('uses the lowest current grade over the schemes', () => {
    expect(consideredGrade([grade('AA'), grade('C', '2026-01-10', 'road-transport')])).toBe('C');
    expect(consideredGrade([])).toBe('ungraded');
  });
});

describe('the fast-track setting (authority-policies catalogue)', () => {
  const check = POLICY_CATALOGUE['fast-track.policy'].check;

  it('accepts its national default', () => {
    expect(check(policy)).toEqual([]);
  });

  it('refuses a D row that opens a track: the bar is a rule, not a setting', () => {
    const problems = check({
      ...policy,
      grades: {
        ...policy.grades,
        D: { approvalSubstitution: false, missingMaterials: true, deadlineReductionPercent: 0 },
      },
    });
    expect(problems).toEqual(['grades: D: D grade never opens 告知承诺 or 容缺 (DOMAIN §6)']);
  });

  it('checks the per-matter check periods', () => {
    const days = POLICY_CATALOGUE['commitment.check-days'].check;
    expect(days({ defaultDays: 60, matters: { 道路运输经营许可: 30 } })).toEqual([]);
    expect(days({ defaultDays: 0, matters: { 道路运输经营许可: 'x' } })).toEqual([
      'defaultDays: must be an integer from 1 to 3650',
      'matters: 道路运输经营许可: must be an integer from 1 to 3650',
    ]);
  });
});
