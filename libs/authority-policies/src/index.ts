export * from './authority-policies';
export * from './authority-policies.module';
export * from './policy-catalogue';
export * from './policy-in-force';
