import { Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { Person } from '@kierto/network';
import { SeriesAccessGuard, SeriesScoped } from '../auth/series-access.guard';
import { SETTINGS_TEXTS, SettingsTexts } from '../pages/settings-texts';
import { WebController, WebPerson, WebSession } from '../web/web.decorators';
import { WebPages } from '../web/web-pages.service';
import { WebRequest } from '../web/web-request';
import { COLUMNS, IMPORT_KINDS, ImportKind, ImportPreview } from './csv-import';
import { UploadRequest } from './csv-upload.middleware';
import { ImportRejected, SettingsImportService } from './settings-import.service';

type Source = { kind: ImportKind; text: string; problem: 'noFile' | 'notText' | 'tooBig' | null };

/** The CSV from the form: an uploaded file wins over the text box; the file must be UTF-8. */
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
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(req.file.buffer).replace(/\r\n/g, '\n');
      if (text.includes('\u0000')) return { kind, text: pasted, problem: 'notText' };
      return { kind, text, problem: null };
    } catch {
      return { kind, text: pasted, problem: 'notText' };
    }
  }
  return { kind, text: pasted, problem: pasted.trim() ? null : 'noFile' };
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
      (_web, lang) => {
        const t = SETTINGS_TEXTS[lang];
        return {
          title: t.importTitle,
          data: {
            t,
            action: `/series/${seriesId}/import`,
            commitAction: `/series/${seriesId}/import/commit`,
            settingsHref: `/series/${seriesId}/settings`,
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
      fileErrors: p.fileErrors.map((e) => `${t[`file_${e.code}`]}${e.detail ? ` ${e.detail}` : ''}`),
      columns,
      badCount: p.rows.filter((r) => r.errors.length).length,
      rows: p.rows.map((r) => ({
        line: r.line,
        cells: columns.map((c) => r.cells[c] ?? ''),
        bad: r.errors.length > 0,
        errors: r.errors.map((e) => `${e.field}: ${t[`code_${e.code}`]}${e.line ? ` ${e.line}` : ''}`),
      })),
    };
  }
}
