export * from './test-database';
export * from './test-app';
export * from './smtp-sink';
export * from './requirements';
export * from './query-counter';
