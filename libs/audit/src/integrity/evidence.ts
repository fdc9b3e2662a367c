import { Injectable } from '@nestjs/common';
import { SELECT_COLUMNS, toRecordedEvent, type EventRow, type RecordedEvent } from '@credence/event-store';
import { visibilityFilter, type Actor } from '@credence/identity';
import { Clock, Database, NotFoundError } from '@credence/shared';
import { checkpointView, firstCheckpointCovering, latestCheckpoint, type Checkpoint } from './checkpoints';
import { EvidenceScopeError, EvidenceTooLargeError } from './integrity-errors';
import { consistencyPath, inclusionPaths, ledgerEntriesOfStreams } from './proofs';
import { SigningKey } from './signing';
import { publishedKeys } from './signing-keys';

export const EVIDENCE_FORMAT = 'credence-evidence/1';
/** Cases per bundle: enough for a subject's history, small enough to stay a file one can mail. */
export const MAX_EVIDENCE_CASES = 200;

export interface EvidenceScope {
  caseId?: string;
  subjectCode?: string;
  /** Cases with an event recorded in [from, to). */
  from?: Date;
  to?: Date;
}

/**
 * An event of the bundle that no signed checkpoint covered yet when it was exported (sealing runs seconds behind the
 * events, ADR 0010): its chain is checked offline, but nothing signed proves it. `ledgerIndex` is null when the
 * sealer had not reached it either.
 */
export interface UnsealedEvent {
  streamId: string;
  caseId: string;
  streamVersion: number;
  recordedAt: string;
  ledgerIndex: number | null;
}

/** An event exactly as hashed (RFC 8785 over these fields but the hash ones), plus its chain hashes in hex. */
export interface EvidenceEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  hashAlgorithm: string;
  prevHash: string;
  hash: string;
}

interface CaseRow {
  id: string;
  type: string;
  stream_id: string;
}

/**
 * Builds the offline evidence bundle for cases the auditor may see: whole streams (so each chain can be recomputed
 * from its genesis), their ledger leaves, the latest checkpoint plus the first checkpoint covering each event,
 * an inclusion proof per sealed event against the latest checkpoint, consistency proofs between the included
 * checkpoints, and the public keys. `tools/credence-verify/credence-verify.mjs` checks all of it with Node alone.
 */
@Injectable()
export class EvidenceExporter {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly key: SigningKey,
  ) {}

  async export(actor: Actor, scope: EvidenceScope) {
    const cases = await this.casesInScope(actor, scope);
    const streamIds = cases.map((c) => c.stream_id);
    const [events, leaves, latest, keys] = await Promise.all([
      this.eventsOf(streamIds),
      ledgerEntriesOfStreams(this.db, streamIds),
      latestCheckpoint(this.db),
      publishedKeys(this.db),
    ]);
    const covered = latest ? leaves.filter((l) => l.ledgerIndex < latest.treeSize) : [];
    const checkpoints = latest
      ? await this.checkpointsFor(
          covered.map((l) => l.ledgerIndex),
          latest,
        )
      : [];
    const paths = latest
      ? await inclusionPaths(
          this.db,
          covered.map((l) => l.ledgerIndex),
          latest.treeSize,
        )
      : [];
    const consistencyProofs = [];
    for (let i = 1; i < checkpoints.length; i++) {
      const [a, b] = [checkpoints[i - 1].treeSize, checkpoints[i].treeSize];
      const path = await consistencyPath(this.db, a, b);
      consistencyProofs.push({ fromTreeSize: a, toTreeSize: b, path: path.map((h) => h.toString('hex')) });
    }
    const byStream = new Map<string, RecordedEvent[]>();
    const caseOf = new Map(cases.map((c) => [c.stream_id, c.id]));
    const proven = new Set(covered.map((l) => `${l.streamId}\u0000${l.streamVersion}`));
    const leafOf = new Map(leaves.map((l) => [`${l.streamId}\u0000${l.streamVersion}`, l.ledgerIndex]));
    const unsealed: UnsealedEvent[] = [];
    for (const e of events) {
      const key = `${e.streamId}\u0000${e.streamVersion}`;
      if (!proven.has(key))
        unsealed.push({
          streamId: e.streamId,
          caseId: caseOf.get(e.streamId)!,
          streamVersion: e.streamVersion,
          recordedAt: e.recordedAt.toISOString(),
          ledgerIndex: leafOf.get(key) ?? null,
        });
      const list = byStream.get(e.streamId) ?? [];
      list.push(e);
      byStream.set(e.streamId, list);
    }
    return {
      format: EVIDENCE_FORMAT,
      exportedAt: this.clock.now().toISOString(),
      exportedBy: { id: actor.id, username: actor.username, role: actor.role },
      scope: {
        caseId: scope.caseId ?? null,
        subjectCode: scope.subjectCode ?? null,
        from: scope.from?.toISOString() ?? null,
        to: scope.to?.toISOString() ?? null,
      },
      hashing: {
        event:
          'hash = H(prevHash ‖ RFC 8785 JSON of {streamId, streamVersion, eventId, type, schemaVersion, data, metadata, recordedAt}); H = SM3 or SHA-256 as hashAlgorithm says; genesis prevHash = 32 zero bytes',
        leaf: 'SHA-256(0x00 ‖ event hash)',
        node: 'SHA-256(0x01 ‖ left ‖ right)',
        signedNote: '<origin>\\n<tree size>\\n<base64 root>\\n<sealed at, ISO 8601 UTC>\\n',
      },
      signingKey: { keyId: this.key.keyId, algorithm: this.key.algorithm, publicKey: this.key.publicKeyPem },
      keys,
      checkpoints: checkpoints.map(checkpointView),
      streams: cases.map((c) => ({
        streamId: c.stream_id,
        caseId: c.id,
        caseType: c.type,
        events: (byStream.get(c.stream_id) ?? []).map(evidenceEvent),
      })),
      ledger: leaves.map((l) => ({
        ledgerIndex: l.ledgerIndex,
        streamId: l.streamId,
        streamVersion: l.streamVersion,
        eventHash: l.eventHash.toString('hex'),
        leafHash: l.leafHash.toString('hex'),
      })),
      inclusionProofs: covered.map((l, i) => ({
        streamId: l.streamId,
        streamVersion: l.streamVersion,
        ledgerIndex: l.ledgerIndex,
        treeSize: latest!.treeSize,
        path: paths[i].map((h) => h.toString('hex')),
      })),
      consistencyProofs,
      // Said here, not only by the verifier's warnings, so whoever hands the file on knows before anyone runs it.
      unsealedEvents: unsealed,
    };
  }

  private async casesInScope(actor: Actor, scope: EvidenceScope): Promise<CaseRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope.caseId) where.push(`c.id = $${params.push(scope.caseId)}`);
    if (scope.subjectCode) where.push(`c.subject_code = $${params.push(scope.subjectCode)}`);
    if (scope.from && scope.to) {
      const from = params.push(scope.from);
      const to = params.push(scope.to);
      where.push(
        `EXISTS (SELECT 1 FROM events e WHERE e.stream_id = c.stream_id AND e.recorded_at >= $${from} AND e.recorded_at < $${to})`,
      );
    }
    if (where.length === 0) throw new EvidenceScopeError();
    const visible = visibilityFilter(actor, 'c', params.length);
    const { rows } = await this.db.query<CaseRow>(
      `SELECT c.id, c.type, c.stream_id FROM cases c
        WHERE ${where.join(' AND ')} AND ${visible.sql}
        ORDER BY c.created_at, c.id LIMIT ${MAX_EVIDENCE_CASES + 1}`,
      [...params, ...visible.params],
    );
    if (rows.length > MAX_EVIDENCE_CASES) throw new EvidenceTooLargeError(MAX_EVIDENCE_CASES);
    if (rows.length === 0 && scope.caseId)
      throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: scope.caseId });
    return rows;
  }

  private async eventsOf(streamIds: string[]): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    return rows.map(toRecordedEvent);
  }

  /** The latest checkpoint and, for each event, the first one that covered it: when each became provable. */
  private async checkpointsFor(ledgerIndexes: number[], latest: Checkpoint): Promise<Checkpoint[]> {
    const first = ledgerIndexes.length > 0 ? await firstCheckpointCovering(this.db, ledgerIndexes) : [];
    const all = new Map(first.map((c) => [c.treeSize, c]));
    all.set(latest.treeSize, latest);
    return [...all.values()].sort((a, b) => a.treeSize - b.treeSize);
  }
}

function evidenceEvent(e: RecordedEvent): EvidenceEvent {
  return {
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
    hashAlgorithm: e.hashAlgorithm,
    prevHash: e.prevHash.toString('hex'),
    hash: e.hash.toString('hex'),
  };
}
