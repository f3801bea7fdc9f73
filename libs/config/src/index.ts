export * from './kierto-config';
export * from './config.module';
