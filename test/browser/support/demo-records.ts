import { demoDecisionNumber, type DemoRecordKind } from '@credence/credit-records';
import { beijingDateOf } from '@credence/shared';

/**
 * The decision number of 盱眙通达's demo record of a kind in a console seeded today: the seed dates the records
 * back from the day it runs, and the year in the number is the decision's.
 */
export const tongdaRecord = (kind: DemoRecordKind): string =>
  demoDecisionNumber('320830', kind, beijingDateOf(new Date()));
