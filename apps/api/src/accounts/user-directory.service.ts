import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { ListUsersQuery } from './accounts.dto';
import { DirectoryUser, UserDirectoryRepository } from './user-directory.repository';

/** The admin's list of accounts: search by name, email, organisation or role; keyset pages by name. */
@Injectable()
export class UserDirectoryService {
  constructor(private readonly directory: UserDirectoryRepository) {}

  async list(query: ListUsersQuery): Promise<Page<DirectoryUser>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ name: string; id: string }>(query.cursor);
    if (query.cursor && (typeof after?.name !== 'string' || typeof after?.id !== 'string' || !/^[0-9a-f-]{36}$/.test(after.id))) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'BAD_CURSOR', 'cursor is not one this list handed out: start again without it');
    }
    const rows = await this.directory.page(query, after, limit + 1);
    return toPage(rows, limit, (last) => ({ name: last.displayName.toLowerCase(), id: last.id }));
  }
}
