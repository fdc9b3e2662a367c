import type { ClientConfig } from 'pg';
import type { VerifyProblem } from '@credence/event-store';
import type { SigningKey } from './signing';
import type { VerifiedPoint } from './sealed-since';

/*
 * What a verification finds and reports: the problems it can name, where each failure lies, the progress it
 * reports while it runs, and the one-line description people read (`credence audit verify`, the console).
 */

export type IntegrityProblem =
  | VerifyProblem
  /** The ledger skips an index (rows deleted from the ledger). */
  | 'ledger-gap'
  /** A ledger row's leaf hash is not H(0x00 ‖ event hash). */
  | 'leaf-mismatch'
  /** A sealed event is gone (deleted row, cut tail, whole stream removed). */
  | 'event-missing'
  /** A sealed event's hash differs from the one sealed (edited and re-hashed, or swapped). */
  | 'event-changed'
  /** An event the sealer has passed is not in the ledger (inserted behind its back). */
  | 'unsealed-event'
  /** A checkpoint's root is not the root of the ledger's first tree_size leaves. */
  | 'root-mismatch'
  /** A checkpoint covers more leaves than the ledger holds (ledger cut). */
  | 'checkpoint-beyond-ledger'
  | 'bad-signature'
  /** Signed by a key that is neither the configured one nor endorsed by it. */
  | 'untrusted-key'
  /** previous_tree_size does not name the checkpoint before it, or time runs backwards. */
  | 'checkpoint-chain-broken'
  | 'inconsistent-checkpoints'
  | 'inclusion-failed';

export interface IntegrityFailure {
  check: 'chain' | 'ledger' | 'checkpoint';
  problem: IntegrityProblem;
  streamId?: string;
  streamVersion?: number;
  globalPosition?: number;
  ledgerIndex?: number;
  treeSize?: number;
  expected?: string;
  actual?: string;
}

export interface IntegrityProgress {
  phase: 'chains' | 'ledger' | 'checkpoints' | 'done';
  checked: number;
  total: number;
  failures: number;
}

export interface IntegrityReport {
  ok: boolean;
  streamId: string | null;
  chains: { streamsChecked: number; eventsChecked: number };
  ledger: { leavesChecked: number; size: number };
  checkpoints: { checked: number; latestTreeSize: number | null; trustedKeyIds: string[] };
  failuresFound: number;
  /** At most MAX_REPORTED failures per check; failuresFound counts them all. */
  failures: IntegrityFailure[];
  /** The tree size an incremental run started from; null for a full run. */
  since: number | null;
  /** Where the next incremental run may start: the latest checkpoint of a clean whole-ledger run. */
  verifiedPoint: VerifiedPoint | null;
}

export interface IntegrityOptions {
  streamId?: string;
  /** The key the verifier trusts (the configured one); older keys count when it endorsed them. */
  trustAnchor: Pick<SigningKey, 'keyId' | 'algorithm' | 'publicKeyPem'>;
  onProgress?: (progress: IntegrityProgress) => void | Promise<void>;
  pageSize?: number;
  /**
   * Where worker threads may open their own connections: the chain pass of a whole-ledger run then uses every core
   * (verifyParallel). Without it the chains are walked in this thread.
   */
  connection?: string | ClientConfig;
  /** Worker threads for the chain pass (every core by default). */
  threads?: number;
  /**
   * Verify only what was sealed after a point a clean run returned: new leaves, their events' chains, new
   * checkpoints (consistent with the point's root). Whole ledger only.
   */
  since?: VerifiedPoint;
}

/** One line per failure for people: what, where, in Chinese and English. */
export function describeFailure(f: IntegrityFailure): string {
  const where = [
    f.streamId && `stream ${f.streamId}`,
    f.streamVersion !== undefined && `version ${f.streamVersion}`,
    f.ledgerIndex !== undefined && `ledger index ${f.ledgerIndex}`,
    f.treeSize !== undefined && `checkpoint ${f.treeSize}`,
  ]
    .filter(Boolean)
    .join(', ');
  const detail = [f.expected && `expected ${f.expected}`, f.actual && `found ${f.actual}`]
    .filter(Boolean)
    .join('; ');
  return `${PROBLEM_TEXT[f.problem]} [${f.problem}] at ${where}${detail ? ` (${detail})` : ''}`;
}

const PROBLEM_TEXT: Record<IntegrityProblem, string> = {
  'hash-mismatch': '事件内容被改动 / event content altered',
  'broken-link': '哈希链断开 / hash chain link broken',
  'version-gap': '流中事件缺失 / event missing inside its stream',
  'bad-genesis': '流的起点被伪造 / forged stream start',
  'ledger-gap': '账本序号缺失 / ledger index missing',
  'leaf-mismatch': '账本叶子与事件哈希不符 / ledger leaf does not match its event hash',
  'event-missing': '已封存的事件不存在 / sealed event no longer exists',
  'event-changed': '已封存的事件哈希已变化 / sealed event hash changed',
  'unsealed-event': '事件未被封存 / event passed over by the sealer',
  'root-mismatch': '检查点根哈希与账本不符 / checkpoint root differs from the ledger',
  'checkpoint-beyond-ledger': '检查点超出账本长度 / checkpoint covers leaves the ledger lacks',
  'bad-signature': '检查点签名无效 / checkpoint signature invalid',
  'untrusted-key': '检查点由不受信任的密钥签名 / checkpoint signed by an untrusted key',
  'checkpoint-chain-broken': '检查点序列断开 / checkpoint sequence broken',
  'inconsistent-checkpoints': '相邻检查点不一致 / checkpoints inconsistent',
  'inclusion-failed': '包含证明不成立 / inclusion proof fails',
};
