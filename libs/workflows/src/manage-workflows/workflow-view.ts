import type { WorkflowEntity } from '@app/database';

/** What the API shows of a workflow: its document, plus the hook URL to paste into the sending app. */
export function workflowView(w: WorkflowEntity, publicUrl: string) {
  const { schemaVersion, trigger, steps } = w.document;
  return {
    id: w.id,
    name: w.name,
    enabled: w.enabled,
    schemaVersion,
    trigger,
    steps,
    version: w.version,
    hookUrl: `${publicUrl}/hooks/${w.hookToken}`,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

export type WorkflowView = ReturnType<typeof workflowView>;
