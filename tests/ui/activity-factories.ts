/** Factories for activity UI tests. Times are UTC; the app shows them in China time (+8). */
import type { ActivityDetail, ActivityListItem, MyActivityItem } from '@cloud/contract'

export function buildListItem(overrides: Partial<ActivityListItem> = {}): ActivityListItem {
  return {
    id: 'act-1',
    title: '春季职工趣味运动会',
    type: 'sports',
    startAt: '2026-05-01T01:00:00.000Z',
    endAt: '2026-05-01T04:00:00.000Z',
    place: '县体育馆',
    signedUp: 4,
    quota: 30,
    waitlisted: 0,
    signUpDeadline: '2026-04-30T10:00:00.000Z',
    status: 'published',
    phase: 'upcoming',
    audience: 'union',
    unionName: '味香园餐饮有限公司工会',
    ...overrides,
  }
}

export function buildDetail(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    ...buildListItem(),
    description: '拔河、跳绳',
    organizer: '味香园餐饮有限公司工会',
    unionId: 'bu-1',
    checkInFrom: '2026-05-01T00:30:00.000Z',
    checkInUntil: '2026-05-01T04:00:00.000Z',
    allowWalkIn: false,
    cancelReason: null,
    signUpOpen: true,
    checkInOpen: false,
    canManage: false,
    ...overrides,
  }
}

export function buildMine(overrides: Partial<MyActivityItem> = {}): MyActivityItem {
  return {
    id: 'act-1',
    title: '春季职工趣味运动会',
    type: 'sports',
    startAt: '2026-05-01T01:00:00.000Z',
    endAt: '2026-05-01T04:00:00.000Z',
    place: '县体育馆',
    status: 'published',
    phase: 'upcoming',
    signUp: 'signed_up',
    ...overrides,
  }
}
