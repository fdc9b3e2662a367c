import { Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { Clock, Database, Env } from '@credence/shared';
import { BlobStore } from './blob-store';
import { FileStore } from './file-store.service';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { MaterialAccess } from './material-access.service';
import { PostgresBlobStore } from './postgres-blob-store';

/** Picks the blob store named by MATERIAL_STORE. */
export function blobStoreFor(env: Env, db: Database, clock: Clock): BlobStore {
  return env.MATERIAL_STORE === 'filesystem'
    ? new FilesystemBlobStore(resolve(env.MATERIAL_STORE_DIR))
    : new PostgresBlobStore(db, clock);
}

/** Material files: storage, type checks and download access. */
@Module({
  providers: [
    { provide: BlobStore, useFactory: blobStoreFor, inject: [Env, Database, Clock] },
    FileStore,
    MaterialAccess,
  ],
  exports: [BlobStore, FileStore, MaterialAccess],
})
export class MaterialsModule {}
