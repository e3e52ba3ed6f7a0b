export * from './callback-schemas';
export * from './callback-record';
export * from './listener-token';
export * from './examples';
