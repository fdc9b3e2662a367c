export * from './canonical-json';
export * from './errors';
export * from './event';
export * from './event-store';
export * from './hash-chain';
export * from './subscription';
export * from './verify';
