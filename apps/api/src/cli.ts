/**
 * Kierto's command line. Run through `npm run cli -- <command>` (scripts/cli.mjs finds the database).
 *   coordinator:create --email E --name N   creates or finds the coordinator and prints a new API token
 *                                           on the last line
 *   login-link --email E                    prints a one-time login URL for a coordinator or staff member
 *                                           (the first login without SMTP_URL: the outbox page needs one)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@kierto/config';
import { dataSourceOptions } from '@kierto/database';
import { CoordinatorService } from '@kierto/network';
import { issueLoginLink, normalizeEmail } from '@kierto/access';
import { DataSource } from 'typeorm';
import { prepareDatabase } from '@kierto/database';

const USAGE = [
  'Usage: npm run cli -- coordinator:create --email you@example.fi --name "Your Name"',
  '       npm run cli -- login-link --email you@example.fi',
].join('\n');

async function loginLink(rest: string[]) {
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } } });
  const email = normalizeEmail(values.email);
  if (!email) throw new Error(`--email must be an email address\n${USAGE}`);
  const config = loadConfig();
  await prepareDatabase(config, false);
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    const issued = await issueLoginLink(ds, config, email, 'cli');
    if (!issued)
      throw new Error(
        `No coordinator or staff member with the address ${email} can log in. Create one with coordinator:create.`,
      );
    const minutes = config.LOGIN_LINK_MINUTES;
    console.log(
      `Open this link in the browser within ${minutes} minutes (it works once). If Kierto runs at another address, open /login/… there:`,
    );
    console.log(issued.url);
  } finally {
    await ds.destroy();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'login-link') return loginLink(rest);
  if (command !== 'coordinator:create') throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const email = values.email?.trim();
  const name = values.name?.trim();
  const problems = [];
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push('--email must be an email address');
  if (!name) problems.push('--name must be given');
  if (problems.length) throw new Error(`${problems.join('; ')}\n${USAGE}`);
  const config = loadConfig();
  await prepareDatabase(config, false);
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    const { person, token } = await new CoordinatorService(ds).createWithToken(
      email as string,
      name as string,
    );
    console.log(
      `Coordinator ${person.displayName} <${person.email}>. Keep this API token secret; it is shown once:`,
    );
    console.log(token);
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
  process.exit(1);
});
