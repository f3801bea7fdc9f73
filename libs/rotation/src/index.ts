export * from './local-date';
export * from './day-rule';
export * from './wall-clock';
export * from './holidays';
export * from './meeting-date';
export * from './next-host';
export * from './move-reason';
