import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { ReactionRunner } from './reaction-runner';

/** Carries out the workflows' reactions while the process runs the worker (the worker app, or the API). */
@Injectable()
export class ReactionLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly runner: ReactionRunner,
  ) {
    super(env);
  }

  protected pass(): Promise<boolean> {
    return this.runner.pollOnce();
  }
}
