/**
 * `npm run test:reliability`: the faults and attacks of docs/reliability.md. The slow fault runs
 * (test/reliability/*.reliability-spec.ts: worker killed mid-fan-out, a 60 s SMTP outage) run only here;
 * the attack replays that are also in `npm test` (fuzz, access matrix, scanners, names in calendars,
 * a killed PostgreSQL) run again here so one command shows them all.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/reliability/**/*.reliability-spec.ts',
    '<rootDir>/test/reliability/**/*.e2e-spec.ts',
    '<rootDir>/test/fuzz.e2e-spec.ts',
    '<rootDir>/test/malformed-input.e2e-spec.ts',
    '<rootDir>/test/access-matrix.e2e-spec.ts',
    '<rootDir>/test/invitations.e2e-spec.ts',
    '<rootDir>/test/database-away.e2e-spec.ts',
    '<rootDir>/test/minutes-identity-code.e2e-spec.ts',
    '<rootDir>/test/login-timing.e2e-spec.ts',
    '<rootDir>/libs/mail/src/ics.spec.ts',
  ],
  testTimeout: 400000,
  maxWorkers: 1,
};
