/**
 * The api or the worker (KIERTO_PROFILE_ENTRY, a .ts file under the repository) with the V8 CPU
 * profiler on (`npm run bench:http -- --profile`, `npm run bench:fanout -- --profile`): on the parent's
 * `profile:<file>` message it writes the profile since start (open it in Chrome DevTools or
 * speedscope) and answers `profiled`.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('message', (message: string) => {
  if (typeof message !== 'string' || !message.startsWith('profile:')) return;
  session.post('Profiler.stop', (err, result) => {
    if (!err) fs.writeFileSync(message.slice('profile:'.length), JSON.stringify(result.profile));
    process.send?.('profiled');
    session.post('Profiler.start');
  });
});
require(
  require('node:path').join(__dirname, '../..', process.env.KIERTO_PROFILE_ENTRY ?? 'apps/api/src/main.ts'),
);
