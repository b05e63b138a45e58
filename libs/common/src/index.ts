export * from './app-error';
export * from './group-commit';
export * from './hook-token';
export * from './is-uuid';
export * from './run-until-signal';
