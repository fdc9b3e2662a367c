export * from './integrity';
export * from './trail';
