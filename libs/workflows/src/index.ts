export * from './accept-event/accept-event.use-case';
export * from './manage-workflows/workflow.service';
export * from './manage-workflows/workflow-view';
export * from './runs/run-history.service';
export * from './runs/replay-run.use-case';
export * from './execute-run/run-sweeper';
export * from './workflows.module';
export * from './connections/connection.service';
