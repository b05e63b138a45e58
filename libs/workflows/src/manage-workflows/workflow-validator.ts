import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '@app/common';
import { FieldDeclaration, validateWorkflow, WorkflowDocument } from '@app/engine';
import { validateField } from '@app/mapping';
import { StepRegistry } from '@app/steps';

/** Checks a workflow document against the registered actions' field declarations and the mapping languages. */
@Injectable()
export class WorkflowValidator {
  constructor(private readonly registry: StepRegistry) {}

  validate(input: unknown): WorkflowDocument {
    const result = validateWorkflow(input, {
      declarations: (type) => this.registry.get(type)?.fields,
      knownTypes: () => this.registry.types(),
      validateField: (spec, declaration) => checkKind(spec, declaration) ?? validateField(spec),
    });
    if (!result.ok) {
      const first = result.problems[0];
      throw new AppError(ErrorCode.ValidationFailed, `${first.path}: ${first.message}`, { errors: result.problems });
    }
    return result.document;
  }
}

function checkKind(spec: unknown, declaration: FieldDeclaration): string | null {
  if (!declaration.kinds || typeof spec !== 'object' || spec === null) return null;
  const kind = Object.keys(spec)[0];
  return declaration.kinds.includes(kind as never) || !['value', 'expr', 'template'].includes(kind)
    ? null
    : `${declaration.label} takes ${declaration.kinds.join(' or ')}, not ${kind}`;
}
