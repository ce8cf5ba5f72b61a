/** Factories for UI tests: a user or an organisation tree with sensible defaults. */
import type { OrgTree, SessionUser } from '@cloud/contract'

export function buildOrgTree(overrides: Partial<OrgTree> = {}): OrgTree {
  return {
    id: 'u-industry',
    name: '青山县餐饮行业工会联合会',
    upperUnionName: '青山县总工会',
    baseUnions: [
      {
        id: 'u-base-1',
        name: '青山饭店联合工会',
        units: [
          { id: 'unit-1', name: '青山饭店', employees: 120 },
          { id: 'unit-2', name: '湖畔小馆', employees: 18 },
        ],
      },
      { id: 'u-base-2', name: '老街面馆工会', units: [{ id: 'unit-3', name: '老街面馆', employees: 30 }] },
    ],
    directUnits: [{ id: 'unit-4', name: '山路快餐店', employees: 7 }],
    ...overrides,
  }
}

export function buildUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return { id: 'user-1', displayName: '张晓梅', roles: [], ...overrides }
}

export function buildMember(overrides: Partial<SessionUser> = {}): SessionUser {
  return buildUser({
    memberOf: {
      unionId: 'u-base-1',
      unionName: '青山饭店联合工会',
      unionKind: 'base',
      memberNo: 'QS-2025-000123',
      memberId: 'member-1',
    },
    ...overrides,
  })
}
