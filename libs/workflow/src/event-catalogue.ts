import type { RecordedEvent } from '@credence/event-store';
import type { MachineEvent } from './case-event';

/**
 * One entry of a workflow's event catalogue (`<workflow>.events.ts` beside its machine): an event type and the data
 * it carries, as stored. Stored events keep their shape, so an entry describes every version of the event that was
 * ever recorded (fields added later are optional).
 */
export interface CatalogueEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/** The machine events of a catalogue: one `MachineEvent` per entry, discriminated by `type` (xstate `types.events`). */
export type MachineEventOf<TEvent extends CatalogueEvent> = TEvent extends CatalogueEvent
  ? MachineEvent<TEvent['type'], TEvent['data']>
  : never;

/** A recorded event of a catalogue, narrowed by its type (what a reaction receives). */
export type RecordedEventOf<TEvent extends CatalogueEvent> = TEvent extends CatalogueEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & { type: TEvent['type']; data: TEvent['data'] }
  : never;

/** The entry of one type (or several) of a catalogue. */
export type EventOf<TEvent extends CatalogueEvent, TType extends TEvent['type']> = Extract<
  TEvent,
  { type: TType }
>;

/** What a timer the machine scheduled (`scheduleTimer`) carries when it fires: its name and when it was due. */
export interface TimerFiredData {
  timer: string;
  dueAt: string;
}

/** What the event a clock names `onElapsed` carries when the clock runs out (the engine records it). */
export interface ClockElapsedData {
  clock: string;
  dueDate: string;
  dueAt: string;
}

/** A setting as a decision applied it (which row, from when), recorded in the event so auditors see what it relied on. */
export interface RecordedPolicy<TValue = unknown> {
  key: string;
  value: TValue;
  settingId: string;
  authorityCode: string | null;
  effectiveFrom: string;
}

/**
 * The types of a catalogue as a list, for the test that holds a catalogue to its machine: written as an object with
 * one key per type, so the compiler refuses a type left out or one the catalogue does not have.
 */
export function catalogueTypes<TType extends string>(types: Record<TType, true>): TType[] {
  // Object.keys loses the key type; the parameter's type says every key is a TType.
  return Object.keys(types) as TType[];
}
