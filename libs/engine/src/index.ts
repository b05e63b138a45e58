export * from './workflow-document';
export * from './step-executor';
export * from './retry-policy';
export * from './run-walker';
export * from './validate-workflow';
export * from './connection-type';
