import { type ResolvedConnection, type StepConnectionRule, StepError } from '@app/engine';

/**
 * The step's connection after checking it is one the step can use. Document validation should have
 * caught a wrong type already; this keeps a stale document from sending credentials somewhere odd.
 */
export function checkStepConnection(
  stepType: string,
  rule: StepConnectionRule | undefined,
  connection: ResolvedConnection | undefined,
): ResolvedConnection | undefined {
  const types = rule?.types ?? [];
  if (!connection) {
    if (rule?.required) {
      throw new StepError(`${stepType} steps need a connection of type ${types.join(' or ')}. Choose one in the step's settings.`, false);
    }
    return undefined;
  }
  if (!types.includes(connection.type)) {
    const allowed = types.length > 0 ? `${stepType} steps take ${types.join(', ')}` : `${stepType} steps take none`;
    throw new StepError(`The connection "${connection.name}" is a ${connection.type} connection; ${allowed}. Choose another connection.`, false);
  }
  return connection;
}
