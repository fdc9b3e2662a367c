import type { Provider, Type } from '@nestjs/common';
import { CommitmentViews } from './commitment-views';
import { CommitmentsController } from './commitments.controller';
import { PublicCommitmentsController } from './public-commitments.controller';
import { SubjectsController } from './subjects.controller';

/** Credit commitments, grades, lists and fast tracks over HTTP. */
export const COMMITMENT_CONTROLLERS: Type[] = [
  CommitmentsController,
  SubjectsController,
  PublicCommitmentsController,
];
export const COMMITMENT_PROVIDERS: Provider[] = [CommitmentViews];
