import type { FieldKind } from './workflow-document';

/** How an action declares one of its inputs; API validation and the UI's mapping editor both read this. */
export interface FieldDeclaration {
  name: string;
  label: string;
  /** Which field kinds make sense; all three when omitted. */
  kinds?: FieldKind[];
  required?: boolean;
  help?: string;
  /** Templates in an HTML field escape the values they insert. */
  html?: boolean;
}

/** A stored connection as a step receives it: secrets already opened. Never logged or recorded. */
export interface ResolvedConnection {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

export interface StepContext {
  runId: string;
  stepKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * True when the run was picked up again after its worker died: even a first attempt may repeat one whose
   * outcome was lost, so actions that can check for their own earlier effect should.
   */
  resumed?: boolean;
  signal?: AbortSignal;
  /** The step's `connection`, when it names one. */
  connection?: ResolvedConnection;
}

/** Which connections a step can use. */
export interface StepConnectionRule {
  types: string[];
  required: boolean;
}

/** One action type. Receives its fields already evaluated; returns what later steps see as steps.<key>. */
export interface StepExecutor<Output = unknown> {
  readonly type: string;
  readonly fields: FieldDeclaration[];
  readonly connection?: StepConnectionRule;
  execute(input: Record<string, unknown>, ctx: StepContext): Promise<Output>;
}

/** A failure the step itself understood. transient failures are retried by the policy; others end the step. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly details?: Record<string, unknown>,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'StepError';
  }
}
