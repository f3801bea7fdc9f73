/**
 * Kierto's command line. Run through `npm run cli -- <command>` (scripts/cli.mjs finds the database).
 *   coordinator:create --email E --name N [--token-name laptop] [--days 90]
 *       creates or finds the coordinator and prints a new API token on the last line; a live token of
 *       the same name (default "default") is revoked and replaced
 *   coordinator:tokens --email E                       lists the tokens (never the token itself)
 *   coordinator:revoke --email E (--token-name N | --id ID)   revokes one token at once
 *   login-link --email E                    prints a one-time login URL for a coordinator or staff member
 *                                           (the first login without SMTP_URL: the outbox page needs one)
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@kierto/config';
import { dataSourceOptions, prepareDatabase } from '@kierto/database';
import {
  API_TOKEN_DEFAULT_DAYS,
  ApiTokenInfo,
  ApiTokenInputError,
  CoordinatorService,
  tokenOptionProblems,
} from '@kierto/network';
import { issueLoginLink, normalizeEmail } from '@kierto/access';
import { DataSource } from 'typeorm';

const USAGE = [
  'Usage:',
  '  npm run cli -- coordinator:create --email you@example.fi --name "Your Name" [--token-name laptop] [--days 90]',
  '  npm run cli -- coordinator:tokens --email you@example.fi',
  '  npm run cli -- coordinator:revoke --email you@example.fi --token-name laptop   (or --id <token id>)',
  '  npm run cli -- login-link --email you@example.fi',
].join('\n');

const COMMANDS = ['coordinator:create', 'coordinator:tokens', 'coordinator:revoke'];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');

function describe(t: ApiTokenInfo): string {
  return [t.id, t.name, t.status, day(t.createdAt), day(t.expiresAt), day(t.lastUsedAt)].join('  ');
}

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
  if (!COMMANDS.includes(command)) throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'token-name': { type: 'string' },
      days: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const email = values.email?.trim();
  const name = values.name?.trim();
  const tokenName = values['token-name']?.trim();
  const days = values.days === undefined ? undefined : Number(values.days);
  const problems = [];
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push('--email must be an email address');
  if (command === 'coordinator:create') {
    if (!name) problems.push('--name must be given');
    problems.push(...tokenOptionProblems({ tokenName, days }));
  }
  if (command === 'coordinator:revoke' && !tokenName && !values.id)
    problems.push('--token-name or --id must be given');
  if (problems.length) throw new Error(`${problems.join('; ')}\n${USAGE}`);
  const config = loadConfig();
  await prepareDatabase(config, false);
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await ds.initialize();
  const coordinators = new CoordinatorService(ds);
  try {
    if (command === 'coordinator:create') {
      const { person, token, tokenInfo, replaced } = await coordinators.createWithToken(
        email as string,
        name as string,
        { tokenName, days },
      );
      console.log(
        `Coordinator ${person.displayName} <${person.email}>. Token "${tokenInfo.name}" works until ${day(tokenInfo.expiresAt)} UTC` +
          `${replaced ? ` and replaces the earlier token "${tokenInfo.name}", which no longer works` : ''}.` +
          ` Keep it secret; it is shown once:`,
      );
      console.log(token);
    } else if (command === 'coordinator:tokens') {
      const { person, tokens } = await coordinators.listTokens(email as string);
      console.log(`API tokens of ${person.displayName} <${person.email}> (times in UTC):`);
      console.log(['id', 'name', 'status', 'created', 'expires', 'last used'].join('  '));
      for (const t of tokens) console.log(describe(t));
      if (!tokens.length)
        console.log(`(none; coordinator:create issues one for ${API_TOKEN_DEFAULT_DAYS} days)`);
    } else {
      const t = await coordinators.revokeToken(email as string, { tokenName, id: values.id });
      console.log(`Revoked token "${t.name}" (${t.id}); it no longer opens the API.`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(
    e instanceof ConfigError || e instanceof ApiTokenInputError || e instanceof Error ? e.message : e,
  );
  process.exit(1);
});
