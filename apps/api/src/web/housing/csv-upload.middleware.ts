import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../common/domain-error';

/**
 * Reads the "Import sites" form (multipart: the CSV file and the form's fields, the CSRF token among them)
 * before the page's CSRF check runs, which needs the fields. Multer ships with @nestjs/platform-express
 * (its FileInterceptor runs too late for the check), so no new dependency. Limits as the API's import: 5 MB.
 */
type Multer = (options: { storage: unknown; limits: Record<string, number> }) => { single(field: string): RequestHandler };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer & { memoryStorage(): unknown };

export const CSV_UPLOAD_FIELD = 'csvFile';
const MAX_BYTES = 5 * 1024 * 1024;
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_BYTES, fieldSize: MAX_BYTES + 1024, files: 1, fields: 20 } }).single(CSV_UPLOAD_FIELD);

export function csvUpload(req: Request, res: Response, next: NextFunction): void {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return next();
  upload(req, res, (err?: unknown) => {
    if (!err) return next();
    const code = (err as { code?: string }).code;
    next(new DomainError(code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST, 'BAD_UPLOAD', code === 'LIMIT_FILE_SIZE' ? 'The file is larger than 5 MB' : 'The file could not be read: choose a CSV file and try again'));
  });
}
