import { describe, expect, it } from '@jest/globals';
import { machineOutline } from '@credence/workflow';
import { COMMITMENT_EVENT_TYPES } from './commitment.events';
import { commitmentMachine } from './commitment.machine';

describe('the commitment event catalogue', () => {
  it('names exactly the events the machine takes, so the machine, its updates and reactions read them typed', () => {
    expect([...COMMITMENT_EVENT_TYPES].sort()).toEqual(
      [...machineOutline(commitmentMachine).eventTypes].sort(),
    );
  });
});
