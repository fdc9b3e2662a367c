import { describe, expect, it } from '@jest/globals';
import { machineOutline } from '@credence/workflow';
import { CREDIT_RECORD_EVENT_TYPES } from './credit-record.events';
import { creditRecordMachine } from './credit-record.machine';

describe('the credit record event catalogue', () => {
  it('names exactly the events the machine takes, so the machine, its updates and reactions read them typed', () => {
    expect([...CREDIT_RECORD_EVENT_TYPES].sort()).toEqual(
      [...machineOutline(creditRecordMachine).eventTypes].sort(),
    );
  });
});
