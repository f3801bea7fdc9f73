import {
  Injectable,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { MAX_CHARS } from './csv-import';

/** Set on the request when the uploaded file was refused (too big, too many parts). */
export interface UploadRequest extends Request {
  file?: Express.Multer.File;
  uploadError?: 'tooBig';
}

const upload = multer({
  storage: multer.memoryStorage(),
  // A CSV of MAX_CHARS characters is at most four bytes a character.
  limits: { fileSize: MAX_CHARS * 4, files: 1, fields: 10, parts: 12 },
}).single('file');

/**
 * Reads the import form's multipart body (file and fields) before the guards run, so the CSRF guard
 * sees the form's `_csrf` field. The file stays in memory; a refused upload becomes a form error.
 */
@Injectable()
export class CsvUploadMiddleware implements NestMiddleware {
  use(req: UploadRequest, res: Response, next: NextFunction) {
    upload(req, res, (err: unknown) => {
      if (err) {
        req.uploadError = 'tooBig';
        req.body ??= {};
      }
      next();
    });
  }
}

/** Applies the upload middleware to the import routes only. */
@Module({})
export class CsvUploadModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(CsvUploadMiddleware)
      .forRoutes(
        { path: 'series/:seriesId/import', method: RequestMethod.POST },
        { path: 'series/:seriesId/import/commit', method: RequestMethod.POST },
      );
  }
}
