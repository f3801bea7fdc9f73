import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting Kierto reads from the environment. This class is the only reader of process.env:
 * it is validated once at boot and the process stops with a list of every bad key.
 */
export class KiertoConfig {
  /** PostgreSQL connection string; when unset, `npm start` runs an embedded PostgreSQL and sets it. */
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  HOST?: string;

  /** Public base URL used in emails and links, e.g. https://kierto.example.fi */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /** Folder for local data: embedded PostgreSQL, the development outbox. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['on', 'off'])
  DEMO: 'on' | 'off' = 'on';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** smtp://user:pass@host:port or smtps://…; when unset, email is written as .eml files under DATA_DIR/outbox. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** The From and ORGANIZER mailbox; it should be able to receive replies. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  MAIL_FROM = 'kierto@localhost.localdomain';

  /** First retry delay after a temporary mail failure; it doubles with each attempt (max one hour). */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  MAIL_RETRY_BASE_SECONDS = 30;

  /** After this many attempts a temporarily failing message is given up and marked failed. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 10;

  /** How long a worker holds a claimed message before another worker may take it over (a crashed worker's). */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(3600)
  MAIL_LEASE_SECONDS = 120;

  /** How often the worker looks for work (proposals, reminders, the outbox), in seconds. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_POLL_SECONDS = 5;

  /** A browser session ends after this many minutes without a request. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 120;

  /** A browser session ends this many hours after login, however active. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  /** How long an emailed login link works. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  LOGIN_LINK_MINUTES = 10;

  /** Login links asked for one address within LOGIN_LIMIT_WINDOW_MINUTES; more get 429. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_LIMIT_PER_ADDRESS = 5;

  /** Login links asked from one IP address within LOGIN_LIMIT_WINDOW_MINUTES; more get 429. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_LIMIT_PER_IP = 20;

  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LIMIT_WINDOW_MINUTES = 15;

  /** Requests per minute from one IP address to the forms used without logging in (login, RSVP). */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  FORM_LIMIT_PER_MINUTE = 60;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates an environment (process.env by default); throws ConfigError listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): KiertoConfig {
  const known = Object.keys(new KiertoConfig());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'PUBLIC_URL', 'SMTP_URL']) {
    if (env[key] !== undefined) picked[key] = env[key];
  }
  const config = plainToInstance(KiertoConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const why = Object.values(e.constraints ?? {}).join('; ');
        return `${e.property}: ${why || 'invalid'}`;
      }),
    );
  }
  return config;
}

export function publicUrl(config: KiertoConfig): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Whether an address (a bind host or a peer's IP, IPv4-mapped or not) is this computer only. */
export function isLoopbackHost(host: string | undefined | null): boolean {
  if (!host) return false;
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
