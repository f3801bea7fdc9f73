import { BadRequestException, ConflictException, ForbiddenException, HttpException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors } from '../http/validation';
import { SettingsTexts } from '../pages/settings-texts';

/** A field of a page form, everything the `settings-field` partial needs (strict templates). */
export interface FormField {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  type: string;
  isSelect: boolean;
  isTextarea: boolean;
  isCheckbox: boolean;
  checked: boolean;
  options: { value: string; label: string; selected: boolean }[];
  required: boolean;
  error: string;
  describedBy: string;
}

/** A form that failed: which one, what was typed, and an error code per field. */
export interface FormState {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Thrown by the settings actions; the controller renders the page again with the input kept. */
export class FormRejected extends Error {
  constructor(readonly state: FormState) {
    super(`Form ${state.form} rejected`);
  }
}

export type FieldSpec = Partial<Omit<FormField, 'id' | 'name' | 'label'>> & { name: string; label: string };

/** Builds the fields of form `formId`; when that form just failed, its values and errors are shown. */
export function formFields(
  formId: string,
  t: SettingsTexts,
  state: FormState | null,
  specs: FieldSpec[],
): FormField[] {
  const mine = state?.form === formId ? state : null;
  return specs.map((s) => {
    const id = `${formId}-${s.name}`;
    const code = mine?.errors[s.name];
    const error = code ? errorText(t, code) : '';
    const value = mine ? (mine.values[s.name] ?? '') : (s.value ?? '');
    const hint = s.hint ?? '';
    return {
      id,
      name: s.name,
      label: s.label,
      hint,
      value,
      type: s.type ?? 'text',
      isSelect: Boolean(s.options),
      isTextarea: s.isTextarea ?? false,
      isCheckbox: s.isCheckbox ?? false,
      checked: mine ? mine.values[s.name] === '1' : (s.checked ?? false),
      options: (s.options ?? []).map((o) => ({ ...o, selected: o.value === value })),
      required: s.required ?? false,
      error,
      describedBy: [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' '),
    };
  });
}

export function errorText(t: SettingsTexts, code: string): string {
  const key = `err_${code}` as keyof SettingsTexts;
  const text = t[key];
  return typeof text === 'string' ? text : t.err_invalid;
}

/** Strings of a posted form (anything else is dropped). */
export function formValues(body: unknown, names: string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typeof b[n] === 'string' ? (b[n] as string).trim() : '']));
}

/** A whole number from a form field; anything else stays a string so the DTO's @IsInt refuses it. */
export const formInt = (s: string): number | string | null =>
  s === '' ? null : /^-?\d+$/.test(s) ? Number(s) : s;

/**
 * Runs the DTO's class-validator rules on a page form, as the API's ValidationPipe does, and throws
 * FormRejected naming each field. `fieldOf` maps DTO paths (`dayRule.nth`, `reminderDays.0`) to form fields,
 * `codeOf` picks the message.
 */
export async function validateForm<T extends object>(
  cls: ClassConstructor<T>,
  plain: object,
  state: Omit<FormState, 'errors'>,
  fieldOf: (path: string) => string = (p) => p,
  codeOf: (field: string) => string = (f) => (state.values[f] ? f : 'required'),
): Promise<T> {
  const dto = plainToInstance(cls, plain);
  const paths = fieldErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: false })).map(
    (e) => e.field,
  );
  if (paths.length) {
    const errors: Record<string, string> = {};
    for (const p of paths) {
      const field = fieldOf(p);
      errors[field] ??= codeOf(field);
    }
    throw new FormRejected({ ...state, errors });
  }
  return dto;
}

/**
 * Turns a domain service's refusal into form errors: 400 `{ errors: [{ field }] }` (badField or the
 * ValidationPipe shape) on the named fields, 409 on `conflict` (field and code). Anything else is rethrown.
 */
export async function asForm<T>(
  run: () => Promise<T>,
  state: Omit<FormState, 'errors'>,
  map: {
    fields?: Record<string, [string, string]>;
    conflict?: [string, string];
    /** A 403 naming a field (the rule of who may change it) shown at that field. */
    forbidden?: [string, string];
  } = {},
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof BadRequestException) {
      const body = e.getResponse() as { errors?: { field: string }[] };
      const errors: Record<string, string> = {};
      for (const { field } of body.errors ?? []) {
        const [name, code] = map.fields?.[field] ?? [field, 'invalid'];
        errors[name] ??= code;
      }
      if (Object.keys(errors).length) throw new FormRejected({ ...state, errors });
    }
    if (e instanceof ForbiddenException && map.forbidden) {
      const [name, code] = map.forbidden;
      throw new FormRejected({ ...state, errors: { [name]: code } });
    }
    if (e instanceof ConflictException && map.conflict) {
      const [name, code] = map.conflict;
      throw new FormRejected({ ...state, errors: { [name]: code } });
    }
    throw e as HttpException;
  }
}
