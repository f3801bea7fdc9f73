import { Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import iconv from 'iconv-lite';
import { Language, LANGUAGES, Person, SeriesService } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { seriesCrumb } from '../pages/page-renderer';
import { SETTINGS_TEXTS, SettingsTexts } from '../pages/settings-texts';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { COLUMNS, decodeCsv, IMPORT_KINDS, ImportKind, ImportPreview, RowError } from './csv-import';
import { UploadRequest } from './csv-upload.middleware';
import { ImportRejected, SettingsImportService } from './settings-import.service';

type Source = { kind: ImportKind; text: string; problem: 'noFile' | 'notText' | 'tooBig' | null };

/**
 * The CSV from the form: an uploaded file wins over the text box; the file may be UTF-8 (with or
 * without BOM), UTF-16 or Windows-1252 (see decodeCsv).
 */
function readSource(req: UploadRequest): Source {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const kind: ImportKind = IMPORT_KINDS.includes(body.kind as ImportKind)
    ? (body.kind as ImportKind)
    : 'units';
  if (req.uploadError) return { kind, text: '', problem: 'tooBig' };
  const raw = typeof body.csv === 'string' ? body.csv.replace(/\r\n/g, '\n') : '';
  // A NUL is no text (and PostgreSQL cannot store it); multer reads this body after the global checks.
  const pasted = raw.replaceAll('\u0000', '');
  if (pasted !== raw) return { kind, text: pasted, problem: 'notText' };
  if (req.file && req.file.size > 0) {
    const text = decodeCsv(req.file.buffer).text.replace(/\r\n?/g, '\n');
    if (isBinary(text)) return { kind, text: pasted, problem: 'notText' };
    return { kind, text, problem: null };
  }
  return { kind, text: pasted, problem: pasted.trim() ? null : 'noFile' };
}

/** NUL or other control characters (but tab, newline, return): a binary file, such as an .xlsx. */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

/**
 * Import of units and people from a spreadsheet's CSV export: upload or paste, preview every row with
 * its errors (nothing written), then "import all" (everything checked again, all rows or none).
 */
@WebController()
@WebSession()
export class SettingsImportController {
  constructor(
    private readonly imports: SettingsImportService,
    private readonly pages: WebPages,
    private readonly series: SeriesService,
  ) {}

  @Get('series/:seriesId/import')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async form(
    @Param('seriesId') seriesId: string,
    @Query('imported') imported: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const n = typeof imported === 'string' && /^\d+$/.test(imported) ? imported : null;
    await this.render(req, res, seriesId, { kind: 'units', text: '', problem: null }, null, { imported: n });
  }

  /**
   * A template to fill in Excel: the headers and example rows in one language, as Windows-1252 with
   * Excel's `sep=;` line, so Excel in any locale opens it with the right letters and columns. Reads only.
   */
  @Get('series/:seriesId/import/template')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async template(
    @Param('seriesId') seriesId: string,
    @Query('kind') kind: unknown,
    @Query('lang') lang: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const badKind = kind !== undefined && !IMPORT_KINDS.includes(kind as ImportKind);
    const badLang = lang !== undefined && !LANGUAGES.includes(lang as Language);
    if (badKind || badLang) {
      const t = SETTINGS_TEXTS[this.pages.language(req, res)];
      return this.pages.message(
        req,
        res,
        () => {
          return {
            heading: t.importTitle,
            text: badKind ? t.templateBadKind : t.templateBadLang,
            tone: 'warn',
            link: { href: `/series/${seriesId}/import`, label: t.importTitle },
          };
        },
        400,
      );
    }
    const k: ImportKind = (kind as ImportKind | undefined) ?? 'people';
    const l: Language = (lang as Language | undefined) ?? 'fi';
    const t = SETTINGS_TEXTS[l];
    const unit = await this.imports.firstUnitName(seriesId);
    const rows = templateRows(t, k, unit);
    const csv = ['sep=;', ...rows.map((r) => r.map(csvCell).join(';'))].join('\r\n') + '\r\n';
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .set('Content-Type', 'text/csv; charset=windows-1252')
      .set('Content-Disposition', `attachment; filename="kierto-${t.tplFile[k]}-${l}.csv"`)
      .send(iconv.encode(csv, 'win1252'));
  }

  @Post('series/:seriesId/import')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async preview(
    @Param('seriesId') seriesId: string,
    @WebPerson() me: Person,
    @Req() req: UploadRequest & WebRequest,
    @Res() res: Response,
  ) {
    const source = readSource(req);
    const preview = source.problem
      ? null
      : await this.imports.preview(me.id, seriesId, source.kind, source.text);
    await this.render(req, res, seriesId, source, preview, {}, source.problem ? 400 : 200);
  }

  @Post('series/:seriesId/import/commit')
  @SeriesScoped('seriesId')
  @UseGuards(SeriesAccessGuard)
  async commit(
    @Param('seriesId') seriesId: string,
    @WebPerson() me: Person,
    @Req() req: UploadRequest & WebRequest,
    @Res() res: Response,
  ) {
    const source = readSource(req);
    if (source.problem) return this.render(req, res, seriesId, source, null, {}, 400);
    try {
      const n = await this.imports.commit(me.id, seriesId, source.kind, source.text);
      res.redirect(303, `/series/${seriesId}/import?imported=${n}`);
    } catch (e) {
      if (!(e instanceof ImportRejected)) throw e;
      await this.render(req, res, seriesId, source, e.preview, { rejected: true }, 400);
    }
  }

  private render(
    req: WebRequest,
    res: Response,
    seriesId: string,
    source: Source,
    preview: ImportPreview | null,
    flags: { imported?: string | null; rejected?: boolean },
    status = 200,
  ): Promise<void> {
    return this.pages.send(
      req,
      res,
      'settings-import',
      async (_web, lang) => {
        const t = SETTINGS_TEXTS[lang];
        const { name, setupCompletedAt } = await this.series.get(seriesId);
        // While the guided setup is unfinished, the way back is to its people step.
        const inSetup = !setupCompletedAt;
        return {
          title: t.importTitle,
          crumbs: [
            { label: name, href: seriesCrumb(seriesId) },
            { label: t.settingsTitle, href: `/series/${seriesId}/settings` },
            { label: t.importTitle, href: null },
          ],
          data: {
            t,
            action: `/series/${seriesId}/import`,
            commitAction: `/series/${seriesId}/import/commit`,
            settingsHref: inSetup ? `/series/${seriesId}/setup/people` : `/series/${seriesId}/settings`,
            backLabel: inSetup ? t.backToSetup : t.backToSettings,
            columnHelp: IMPORT_KINDS.map((k) => ({
              heading: k === 'units' ? t.importUnits : t.importPeople,
              note: k === 'units' ? t.columnsUnitsNote : t.columnsPeopleNote,
              columns: COLUMNS[k].map((c) => ({
                label: label(t, k, c),
                others: otherNames(lang, k, c),
                help: (k === 'units' ? t.colHelpUnits : t.colHelpPeople)[c as never] as string,
              })),
            })),
            templates: IMPORT_KINDS.map((k) => ({
              label: k === 'units' ? t.templateUnits : t.templatePeople,
              links: LANGUAGES.map((l) => ({
                href: `/series/${seriesId}/import/template?kind=${k}&lang=${l}`,
                label: `${k === 'units' ? t.templateUnits : t.templatePeople}, ${t.templateIn[l]}`,
              })),
            })),
            kinds: IMPORT_KINDS.map((k) => ({
              value: k,
              label: k === 'units' ? t.importUnits : t.importPeople,
              checked: k === source.kind,
            })),
            text: source.text,
            problem: source.problem ? t[`file_${source.problem}`] : '',
            imported: flags.imported ? t.imported.replace('{n}', flags.imported) : '',
            rejected: flags.rejected ? t.importRejected : '',
            preview: preview ? this.previewView(t, preview) : null,
            previewOk: preview?.ok ?? false,
          },
        };
      },
      status,
    );
  }

  private previewView(t: SettingsTexts, p: ImportPreview) {
    const columns = COLUMNS[p.kind];
    return {
      ok: p.ok,
      fileErrors: p.fileErrors.map((e) => {
        const detail = e.columns ? e.columns.map((c) => label(t, p.kind, c)).join(', ') : (e.detail ?? '');
        const text = t[`file_${e.code}`].replace('{detail}', detail);
        return e.code === 'unreadable' && e.detail ? `${text} (${t.line} ${e.detail})` : text;
      }),
      columns: columns.map((c) => label(t, p.kind, c)),
      badCount: p.rows.filter((r) => r.errors.length).length,
      rows: p.rows.map((r) => ({
        line: r.line,
        cells: columns.map((c) => r.cells[c] ?? ''),
        bad: r.errors.length > 0,
        errors: r.errors.map((e) => rowMessage(t, p.kind, e, r.cells)),
      })),
    };
  }
}

/** A column's name in the page's language: `Nimi`, `Rooli`, … */
function label(t: SettingsTexts, kind: ImportKind, column: string): string {
  return ((kind === 'units' ? t.colUnits : t.colPeople) as Record<string, string>)[column] ?? column;
}

/** The column's names in the other two languages, for the help text. */
function otherNames(lang: Language, kind: ImportKind, column: string): string {
  return LANGUAGES.filter((l) => l !== lang)
    .map((l) => label(SETTINGS_TEXTS[l], kind, column))
    .filter((n, i, all) => all.indexOf(n) === i && n !== label(SETTINGS_TEXTS[lang], kind, column))
    .join(', ');
}

/** One row error in plain words: the column's name, what was written (shortened), what to do. */
export function rowMessage(
  t: SettingsTexts,
  kind: ImportKind,
  e: RowError,
  cells: Record<string, string>,
): string {
  const raw = (cells[e.field] ?? '').trim();
  const value = raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
  return t[`code_${e.code}`]
    .replace('{column}', label(t, kind, e.field))
    .replace('{value}', value)
    .replace('{line}', String(e.line ?? ''));
}

/** The template's rows: the header in one language and example rows written in the same words. */
function templateRows(t: SettingsTexts, kind: ImportKind, unit: string | null): string[][] {
  const header = COLUMNS[kind].map((c) => label(t, kind, c));
  if (kind === 'units') return [header, t.tplUnit];
  const [staff, su, su2, guest] = t.tplPeople;
  const lang = t.tplLanguage;
  return [
    header,
    [staff, t.tplKind.staff, 'maija.esimerkki@example.com', unit ?? '', lang.fi, '', ''],
    [su, t.tplKind.service_user, 'sanna@example.com', '', lang.sv, t.tplYes, t.tplMethod],
    [su2, t.tplKind.service_user, '', '', '', '', ''],
    [guest, t.tplKind.guest, '', '', lang.en, '', ''],
  ];
}

function csvCell(s: string): string {
  return /[;",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
