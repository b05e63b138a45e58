import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError, ErrorCode, FieldProblem, isUuid } from '@app/common';
import { ConnectionEntity } from '@app/database';
import { FieldDeclaration, validateWorkflow, WorkflowDocument } from '@app/engine';
import { validateField } from '@app/mapping';
import { StepRegistry } from '@app/steps';

/** Checks a workflow document against the registered actions' field declarations and the mapping languages. */
@Injectable()
export class WorkflowValidator {
  constructor(
    private readonly registry: StepRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async validate(input: unknown): Promise<WorkflowDocument> {
    const result = validateWorkflow(input, {
      declarations: (type) => this.registry.get(type)?.fields,
      knownTypes: () => this.registry.types(),
      validateField: (spec, declaration) => checkKind(spec, declaration) ?? validateField(spec),
    });
    if (!result.ok) throw problems(result.problems);
    const connectionProblems = await this.checkConnections(result.document);
    if (connectionProblems.length) throw problems(connectionProblems);
    return result.document;
  }

  /** Each step names a connection exactly when its action uses one, and of a type the action accepts. */
  private async checkConnections(doc: WorkflowDocument): Promise<FieldProblem[]> {
    const steps = doc.onFailure ? [...doc.steps, doc.onFailure] : doc.steps;
    const ids = steps.map((s) => s.connection).filter((id): id is string => Boolean(id) && isUuid(id!));
    const found = ids.length ? await this.db.getRepository(ConnectionEntity).findBy({ id: In(ids) }) : [];
    const typeOf = new Map(found.map((c) => [c.id, c.type]));
    const out: FieldProblem[] = [];
    steps.forEach((step, i) => {
      const rule = this.registry.get(step.type)?.connection;
      const path = i < doc.steps.length ? `steps[${i}].connection` : 'onFailure.connection';
      if (!step.connection) {
        if (rule?.required) out.push({ path, message: `${step.type} needs a connection of type ${rule.types.join(' or ')}` });
        return;
      }
      if (!rule) return void out.push({ path, message: `${step.type} takes no connection` });
      const type = typeOf.get(step.connection);
      if (!type) return void out.push({ path, message: `no connection with id ${step.connection}` });
      if (!rule.types.includes(type)) out.push({ path, message: `${step.type} takes a ${rule.types.join(' or ')} connection, not ${type}` });
    });
    return out;
  }
}

function checkKind(spec: unknown, declaration: FieldDeclaration): string | null {
  if (!declaration.kinds || typeof spec !== 'object' || spec === null) return null;
  const kind = Object.keys(spec)[0];
  return declaration.kinds.includes(kind as never) || !['value', 'expr', 'template'].includes(kind)
    ? null
    : `${declaration.label} takes ${declaration.kinds.join(' or ')}, not ${kind}`;
}

function problems(list: FieldProblem[]): AppError {
  return new AppError(ErrorCode.ValidationFailed, `${list[0].path}: ${list[0].message}`, { errors: list });
}
