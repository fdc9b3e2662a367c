import { describe, expect, it } from '@jest/globals';
import { actionFormOf, labelOf, requestBodyOf, type OpenApiDocument } from './action-form';

// The shape @nestjs/swagger writes for an action route and its request class.
const DOCUMENT: OpenApiDocument = {
  paths: {
    '/api/v1/repair-applications/{id}/reject': {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/RefusalRequest' } } },
        },
      },
    },
    '/api/v1/repair-applications/{id}/supplement': {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/SupplementRequest' } } },
        },
      },
    },
    '/api/v1/repair-applications/{id}/submit': { post: {} },
  },
  components: {
    schemas: {
      RefusalRequest: {
        type: 'object',
        required: ['reasonCodes', 'reasons', 'legalBasis'],
        properties: {
          reasonCodes: { type: 'array', items: { type: 'string', enum: ['OTHER', 'MATERIALS_FALSE'] } },
          reasons: { type: 'array', items: { type: 'string' }, description: '理由 / reasons' },
          legalBasis: { type: 'string', maxLength: 500, description: '法律依据 / legal basis' },
          opinion: { type: 'string', description: '审批意见 / opinion' },
          recommendation: { type: 'string', enum: ['approve', 'reject'] },
          published: { type: 'boolean' },
        },
      },
      SupplementRequest: {
        type: 'object',
        required: ['materials'],
        properties: {
          materials: { type: 'array', items: { $ref: '#/components/schemas/AttachMaterialRequest' } },
        },
      },
    },
  },
};

describe('an action form from the request schema', () => {
  it('makes one labelled field per property of the request', () => {
    const form = actionFormOf(DOCUMENT, 'repairApplication', 'reject')!;
    expect(form.path).toBe('/api/v1/repair-applications/{id}/reject');
    expect(form.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['reasonCodes', 'choices', true],
      ['reasons', 'lines', true],
      ['legalBasis', 'text', true],
      ['opinion', 'longText', false],
      ['recommendation', 'choice', false],
      ['published', 'boolean', false],
    ]);
    expect(form.fields[0].options).toEqual(['OTHER', 'MATERIALS_FALSE']);
    expect(form.fields[2].label).toEqual({ zh: '法律依据', en: 'legal basis' });
  });

  it('names the required properties no field can fill, and knows a route without a body', () => {
    expect(actionFormOf(DOCUMENT, 'repairApplication', 'supplement')!.unsupported).toEqual(['materials']);
    expect(actionFormOf(DOCUMENT, 'repairApplication', 'submit')).toEqual({
      path: '/api/v1/repair-applications/{id}/submit',
      fields: [],
      unsupported: [],
    });
  });

  it('has no form for an action the API has no route for', () => {
    expect(actionFormOf(DOCUMENT, 'repairApplication', 'teleport')).toBeNull();
    expect(actionFormOf(DOCUMENT, 'unknownType', 'reject')).toBeNull();
  });

  it('reads a label without an English half as both', () => {
    expect(labelOf('受理意见')).toEqual({ zh: '受理意见', en: '受理意见' });
    expect(labelOf(undefined)).toBeNull();
  });

  it('sends lines as a list and leaves empty optional fields out', () => {
    const { fields } = actionFormOf(DOCUMENT, 'repairApplication', 'reject')!;
    expect(
      requestBodyOf(fields, {
        reasonCodes: ['OTHER'],
        reasons: ' 材料不全 \n\n 证明过期 ',
        legalBasis: ' 第十条 ',
        opinion: '  ',
        published: true,
      }),
    ).toEqual({
      reasonCodes: ['OTHER'],
      reasons: ['材料不全', '证明过期'],
      legalBasis: '第十条',
      published: true,
    });
  });
});
