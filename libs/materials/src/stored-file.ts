import type { MaterialMediaType } from './media-type';

/** One upload: its own id, name and owner, and the digest of its bytes (shared with identical uploads). */
export interface StoredFile {
  id: string;
  /** Lowercase hex SHA-256 of the bytes: what decision events record and auditors match against. */
  sha256: string;
  size: number;
  /** Detected from the bytes, never taken from the client. */
  mediaType: MaterialMediaType;
  fileName: string;
  /** Account id of the uploader. */
  uploadedBy: string;
  /** The uploader's subject (applicants); null for staff. */
  ownerSubjectCode: string | null;
  uploadedAt: string;
}

/** A file as a case records it when attached: what an auditor needs to match it, and when it came. */
export interface AttachedFile {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: MaterialMediaType;
  size: number;
  attachedAt: string;
}
