import { PublicSubjectSearch } from './public-subject-search';
import { PublicSubjectsController } from './public-subjects.controller';

export const PUBLIC_CONTROLLERS = [PublicSubjectsController];
export const PUBLIC_PROVIDERS = [PublicSubjectSearch];
export * from './public-subjects.responses';
