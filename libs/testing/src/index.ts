export * from './step-failure';
