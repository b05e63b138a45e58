import { ConnectionEntity } from './entities/connection.entity';
import { EventEntity } from './entities/event.entity';
import { RunEntity } from './entities/run.entity';
import { StepRunEntity } from './entities/step-run.entity';
import { WorkflowVersionEntity } from './entities/workflow-version.entity';
import { WorkflowEntity } from './entities/workflow.entity';

export const ENTITIES = [ConnectionEntity, WorkflowEntity, WorkflowVersionEntity, EventEntity, RunEntity, StepRunEntity];
