import { Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/roles';
import { BedOptionsQuery } from './placements.dto';

@Injectable()
export class BedOptionsService {
  async forPerson(_user: AuthUser, _personId: string, _query: BedOptionsQuery) {
    // TODO(placement-domain merge)
    return { items: [], excluded: [] };
  }
}
