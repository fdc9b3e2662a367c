import { Injectable } from '@nestjs/common';
import type { ActorScope } from '@credence/identity';
import { Database, Env, NotFoundError } from '@credence/shared';
import {
  checkpointAt,
  checkpointView,
  latestCheckpoint,
  listCheckpoints,
  type Checkpoint,
} from './checkpoints';
import { InvalidTreeSizesError, NoCheckpointError, NotYetSealedError } from './integrity-errors';
import { consistencyPath, inclusionPath, ledgerEntryOfEvent } from './proofs';
import { SigningKey } from './signing';
import { publishedKeys } from './signing-keys';
import { visibleStreams } from './stream-access';

const hex = (buffers: Buffer[]) => buffers.map((b) => b.toString('hex'));

/** Read side of the seal: the public key, checkpoints and proofs, as the API serves them. */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly db: Database,
    private readonly env: Env,
    private readonly key: SigningKey,
  ) {}

  async publicKey() {
    return {
      keyId: this.key.keyId,
      algorithm: this.key.algorithm,
      publicKey: this.key.publicKeyPem,
      origin: this.env.AUDIT_LOG_ORIGIN,
      hashing: {
        leaf: 'SHA-256(0x00 ‖ event hash)',
        node: 'SHA-256(0x01 ‖ left ‖ right)',
        signedNote: '<origin>\\n<tree size>\\n<base64 root>\\n<sealed at, ISO 8601 UTC>\\n',
      },
      keys: await publishedKeys(this.db),
    };
  }

  async checkpoints(page: number, pageSize: number) {
    const { total, items } = await listCheckpoints(this.db, page, pageSize);
    return { page, pageSize, total, items: items.map(checkpointView) };
  }

  async latest() {
    return checkpointView(await this.requireCheckpoint());
  }

  /** Audit path of an event against a checkpoint (the latest by default). Events one may not see are absent. */
  async inclusion(actor: ActorScope, eventId: string, treeSize?: number) {
    const entry = await ledgerEntryOfEvent(this.db, eventId);
    if (!entry || !(await visibleStreams(this.db, actor, [entry.streamId])).has(entry.streamId)) {
      // An event that exists but is not sealed yet gets the same answer as one that does not exist for this actor.
      throw new NotFoundError({ zh: '已封存的事件', en: 'Sealed event' }, { eventId });
    }
    const checkpoint = await this.requireCheckpoint(treeSize);
    if (entry.ledgerIndex >= checkpoint.treeSize)
      throw new NotYetSealedError({ eventId, ledgerIndex: entry.ledgerIndex, treeSize: checkpoint.treeSize });
    const path = await inclusionPath(this.db, entry.ledgerIndex, checkpoint.treeSize);
    return {
      eventId,
      streamId: entry.streamId,
      streamVersion: entry.streamVersion,
      ledgerIndex: entry.ledgerIndex,
      eventHash: entry.eventHash.toString('hex'),
      leafHash: entry.leafHash.toString('hex'),
      treeSize: checkpoint.treeSize,
      auditPath: hex(path),
      checkpoint: checkpointView(checkpoint),
    };
  }

  async consistency(from: number, to: number) {
    if (from > to) throw new InvalidTreeSizesError({ from, to });
    const [first, second] = await Promise.all([this.requireCheckpoint(from), this.requireCheckpoint(to)]);
    return {
      from: checkpointView(first),
      to: checkpointView(second),
      proof: hex(await consistencyPath(this.db, from, to)),
    };
  }

  private async requireCheckpoint(treeSize?: number): Promise<Checkpoint> {
    const checkpoint =
      treeSize === undefined ? await latestCheckpoint(this.db) : await checkpointAt(this.db, treeSize);
    if (checkpoint) return checkpoint;
    if (treeSize === undefined) throw new NoCheckpointError();
    throw new NotFoundError({ zh: '检查点', en: 'Checkpoint' }, { treeSize });
  }
}
