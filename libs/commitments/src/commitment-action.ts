// Actions on a commitment run through the one pipeline (commitment.actions.ts); the breach helpers live in
// commitment-breach.ts and are re-exported here for the modules that import them by this path.
export { breachConsequences, breachDecisionNumber } from './commitment-breach';
