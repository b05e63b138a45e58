export * from './dispatcher';
export * from './in-process.dispatcher';
export * from './bull.dispatcher';
export * from './queue.module';
