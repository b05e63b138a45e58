import type { FieldDeclaration, StepExecutor } from '@app/engine';

/** The action types this process can run, by `type`. Filled once at start-up by the wiring module. */
export class StepRegistry {
  private readonly executors = new Map<string, StepExecutor>();

  constructor(executors: StepExecutor[] = []) {
    for (const executor of executors) this.register(executor);
  }

  /** A second executor for the same type is a wiring mistake, not an override. */
  register(executor: StepExecutor): this {
    if (this.executors.has(executor.type)) throw new Error(`step type "${executor.type}" is already registered`);
    this.executors.set(executor.type, executor);
    return this;
  }

  get(type: string): StepExecutor | undefined {
    return this.executors.get(type);
  }

  has(type: string): boolean {
    return this.executors.has(type);
  }

  types(): string[] {
    return [...this.executors.keys()];
  }

  /** Field declarations by type, in registration order: for document validation and the UI. */
  declarations(): Record<string, FieldDeclaration[]> {
    return Object.fromEntries([...this.executors].map(([type, executor]) => [type, executor.fields]));
  }
}
