import { describe, expect, it } from '@jest/globals';
import { machineOutline } from '@credence/workflow';
import { REPAIR_EVENT_TYPES } from './repair.events';
import { repairMachine } from './repair.machine';

describe('the repair application event catalogue', () => {
  it('names exactly the events the machine takes, so the machine, its updates and reactions read them typed', () => {
    expect([...REPAIR_EVENT_TYPES].sort()).toEqual([...machineOutline(repairMachine).eventTypes].sort());
  });
});
