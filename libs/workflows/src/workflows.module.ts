import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AcceptEventUseCase } from './accept-event/accept-event.use-case';
import { HookDirectory } from './accept-event/hook-directory';
import { CompiledWorkflowCache } from './execute-run/compiled-workflow.cache';
import { ExecuteRunUseCase } from './execute-run/execute-run.use-case';
import { RunSweeper } from './execute-run/run-sweeper';
import { WorkflowService } from './manage-workflows/workflow.service';
import { WorkflowValidator } from './manage-workflows/workflow-validator';
import { ReplayRunUseCase } from './runs/replay-run.use-case';
import { RunHistoryService } from './runs/run-history.service';
import { RunWorker } from './run-worker';
import { ConnectionResolver } from './connections/connection-resolver';
import { ConnectionService } from './connections/connection.service';
import { EventPruner } from './accept-event/event-pruner';
import { secretBoxProvider } from './secret-box.provider';
import { VerifySecrets } from './manage-workflows/verify-secrets';
import { actionProviders } from './action.providers';

const useCases: Provider[] = [
  HookDirectory,
  AcceptEventUseCase,
  CompiledWorkflowCache,
  ExecuteRunUseCase,
  RunSweeper,
  WorkflowValidator,
  WorkflowService,
  RunHistoryService,
  ReplayRunUseCase,
  ...actionProviders,
  secretBoxProvider,
  VerifySecrets,
  ConnectionResolver,
  ConnectionService,
];

/** The application's use-cases; with the worker role, also the run consumer and the sweeper. */
@Module({})
export class WorkflowsModule {
  static forRoot(roles: { worker: boolean }): DynamicModule {
    return {
      module: WorkflowsModule,
      providers: roles.worker ? [...useCases, RunWorker, EventPruner] : useCases,
      exports: useCases,
    };
  }
}
