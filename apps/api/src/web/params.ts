import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { notFound } from '../common/domain-error';

/** An id in a page's address: anything but a UUID is a page that does not exist (404), not a bad request. */
@Injectable()
export class PageIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw notFound('Page');
    return value;
  }
}
