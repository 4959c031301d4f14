import { Injectable } from '@nestjs/common';
import { OrgDirectory } from '../../org/org-directory';
import { UserDirectory } from '../../users/user-directory';

/** Names for the ids in a report: org units (with each village's township) and cadres. */
@Injectable()
export class OrgNamesService {
  constructor(
    private readonly org: OrgDirectory,
    private readonly users: UserDirectory,
  ) {}

  async load(cadreIds: string[] = []) {
    const units = await this.org.all();
    const byId = new Map(units.map((u) => [u.id, u]));
    const cadres = new Map((await this.users.findByIds(cadreIds)).map((u) => [u.id, u.displayName]));
    return {
      units,
      unitName: (id: string | null) => (id ? (byId.get(id)?.name ?? id) : '（未指定）'),
      townshipOf: (villageId: string | null) => (villageId ? (byId.get(villageId)?.parentId ?? null) : null),
      cadreName: (id: string) => cadres.get(id) ?? id,
    };
  }
}
