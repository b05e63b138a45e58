import { Injectable } from '@nestjs/common';
import { Sql } from '@app/database';
import type { CompiledStep, StepDocument, WorkflowDocument } from '@app/engine';
import { compileFieldSet } from '@app/mapping';
import { StepRegistry } from '@app/steps';

export interface CompiledWorkflow {
  name: string;
  steps: CompiledStep[];
  onFailure?: CompiledStep;
}

const MAX_ENTRIES = 1000;

/**
 * Workflow versions are immutable, so a version's expressions and templates are compiled once and reused by
 * every run of it.
 */
@Injectable()
export class CompiledWorkflowCache {
  private readonly cache = new Map<string, Promise<CompiledWorkflow>>();

  constructor(
    private readonly sql: Sql,
    private readonly registry: StepRegistry,
  ) {}

  get(workflowId: string, version: number): Promise<CompiledWorkflow> {
    const key = `${workflowId}:${version}`;
    let hit = this.cache.get(key);
    if (!hit) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      hit = this.load(workflowId, version);
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async load(workflowId: string, version: number): Promise<CompiledWorkflow> {
    const rows = await this.sql.rows<{ document: WorkflowDocument }>(
      'workflow_version_load',
      'SELECT document FROM workflow_versions WHERE workflow_id = $1 AND version = $2',
      [workflowId, version],
    );
    if (!rows[0]) throw new Error(`workflow ${workflowId} version ${version} is missing from the store`);
    return this.compile(rows[0].document);
  }

  compile(doc: WorkflowDocument): CompiledWorkflow {
    const steps = doc.steps.map((step) => this.compileStep(step));
    return { name: doc.name, steps, onFailure: doc.onFailure && this.compileStep(doc.onFailure) };
  }

  private compileStep(step: StepDocument): CompiledStep {
    const executor = this.registry.get(step.type);
    if (!executor) throw new Error(`step ${step.key} has unknown type ${step.type}`);
    const fields = compileFieldSet(step.config, executor.fields);
    return { step, executor, evaluate: (context: object) => fields.evaluate(context) };
  }
}
