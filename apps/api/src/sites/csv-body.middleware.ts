import { BadRequestException, Injectable, NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { raw } from 'express';

/** A council spreadsheet of 2,000 sites and 50,000 beds is about 4 MB as CSV. */
export const CSV_LIMIT_BYTES = 5 * 1024 * 1024;
const ACCEPTED_TYPES = new Set(['text/csv', 'application/csv']);
const readBody = raw({ type: () => true, limit: CSV_LIMIT_BYTES });

/**
 * Reads a `text/csv` upload as bytes and hands the route a string only if the bytes are UTF-8: a decoder
 * that quietly substituted bad bytes would import "Pi�rkowski" into the inventory. Spreadsheets saved as
 * "CSV UTF-8" start with a byte-order mark, which the CSV parser strips.
 */
@Injectable()
export class CsvBodyMiddleware implements NestMiddleware {
  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '');
    const [mediaType, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
    if (!ACCEPTED_TYPES.has(mediaType)) {
      throw new UnsupportedMediaTypeException({
        message: 'Send the spreadsheet as Content-Type: text/csv (in Excel: Save As → CSV UTF-8)',
        code: 'NOT_CSV',
      });
    }
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new UnsupportedMediaTypeException({
        message: `Only UTF-8 CSV is accepted, not ${charset} (in Excel: Save As → CSV UTF-8)`,
        code: 'NOT_UTF8',
      });
    }
    await new Promise<void>((resolve, reject) =>
      readBody(req, res, (err?: unknown) => {
        if (!err) return resolve();
        const e = err as { type?: string; status?: number };
        if (e.type === 'entity.too.large' || e.status === 413) {
          return reject(new PayloadTooLargeException(`The file is larger than ${CSV_LIMIT_BYTES / 1024 / 1024} MB: split it into smaller files`));
        }
        reject(new BadRequestException('The upload could not be read'));
      }),
    );
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    req.body = decodeUtf8(bytes);
    next();
  }
}

export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, lenient.indexOf('\uFFFD')).split('\n').length;
    throw new UnsupportedMediaTypeException({
      message: `The file is not UTF-8 text (first bad character on line ${line}). In Excel choose Save As → CSV UTF-8, then import again`,
      code: 'NOT_UTF8',
    });
  }
}
