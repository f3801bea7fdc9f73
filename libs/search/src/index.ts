export * from './finnish-analyzer';
export * from './search-document.entity';
export * from './search.types';
export * from './search-index';
export * from './search.service';
export * from './search.module';
export * from './snippet';
