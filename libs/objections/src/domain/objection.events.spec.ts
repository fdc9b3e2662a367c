import { describe, expect, it } from '@jest/globals';
import { machineOutline } from '@credence/workflow';
import { OBJECTION_EVENT_TYPES } from './objection.events';
import { objectionMachine } from './objection.machine';

describe('the objection event catalogue', () => {
  it('names exactly the events the machine takes, so the machine, its updates and reactions read them typed', () => {
    expect([...OBJECTION_EVENT_TYPES].sort()).toEqual(
      [...machineOutline(objectionMachine).eventTypes].sort(),
    );
  });
});
