/** Factories for UI tests: a user, an organisation tree, a request or a member-file attachment with sensible defaults. */
import type { MemberAttachmentInfo, MyAttachmentInfo, OrgTree, RequestListItem, SessionUser } from '@cloud/contract'

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

/** One request of 我的诉求 (the member's list), answered once and read. */
export function buildRequestItem(overrides: Partial<RequestListItem> = {}): RequestListItem {
  return {
    id: 'req-1',
    category: 'safety',
    status: 'replied',
    excerpt: '洗碗间地面很滑',
    anonymous: false,
    hasPhoto: false,
    submittedAt: '2026-11-20T02:00:00.000Z',
    replyDueAt: '2026-11-27T02:00:00.000Z',
    overdue: false,
    messages: 1,
    newReplies: 0,
    followUpPending: false,
    person: { name: '王芳', memberNo: 'CY01-000003', unitName: '青山县味香园餐饮有限公司' },
    unionId: 'bu-cy01',
    unionName: '味香园餐饮有限公司工会',
    escalatedTo: null,
    ...overrides,
  }
}

/** An attachment of 一人一档 as the member sees it in 我的档案 (their own upload unless overridden). */
export function buildMyAttachment(overrides: Partial<MyAttachmentInfo> = {}): MyAttachmentInfo {
  return {
    id: 'att-1',
    kind: 'title',
    kindLabel: '职称证书',
    fileName: '职称证书.png',
    mimeType: 'image/png',
    sizeBytes: 300 * 1024,
    uploadedBy: 'self',
    createdAt: '2026-11-25T02:00:00.000Z',
    ...overrides,
  }
}

/** The same attachment as staff see it on 一人一档 (uploaded by a staffer unless overridden). */
export function buildMemberAttachment(overrides: Partial<MemberAttachmentInfo> = {}): MemberAttachmentInfo {
  return { ...buildMyAttachment(), sha256: 'ab'.repeat(32), uploadedBy: '青山饭店工会干部', uploadedByMember: false, ...overrides }
}
