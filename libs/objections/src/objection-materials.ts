import type { FileStore } from '@credence/materials';
import type { WorkflowActor } from '@credence/workflow';
import type { AttachedMaterial, ObjectionMaterialInput } from './domain/objection';

/**
 * Files the actor attaches, checked to be the actor's (or its subject's; another's is 404), recorded by digest with
 * the category the subject gave. A file named twice is attached once, with the category first given.
 */
export async function attachedMaterials(
  files: FileStore,
  attached: ObjectionMaterialInput[] | undefined,
  actor: WorkflowActor,
  stage: AttachedMaterial['stage'],
): Promise<AttachedMaterial[]> {
  if (!attached || attached.length === 0) return [];
  const categories = new Map<string, ObjectionMaterialInput['category']>();
  // Keyed in lower case: a uuid may arrive in either case, the store answers in lower case.
  for (const m of attached) {
    const id = m.fileId.toLowerCase();
    if (!categories.has(id)) categories.set(id, m.category);
  }
  const owned = await files.requireOwned([...categories.keys()], actor);
  return owned.map((f) => ({
    id: f.id,
    sha256: f.sha256,
    fileName: f.fileName,
    size: f.size,
    mediaType: f.mediaType,
    stage,
    category: categories.get(f.id.toLowerCase()),
  }));
}
