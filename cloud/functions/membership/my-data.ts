/**
 * 下载我的数据: `membership.myData`, everything held about the caller as a JSON file (个人信息查阅).
 */
import * as c from '../../contract/membership/my-data';
import { RETENTION_YEARS } from '../../contract/membership/lifecycle.labels';
import { decryptField, type Keys } from '../../domain/crypto';
import { chinaDate } from '../../domain/time';
import { allDataRequestsOfMembers } from '../../storage/data-requests.repository';
import { attachmentsOfMembers } from '../../storage/member-files.repository';
import { accountOf, applicationsOfUser, checkInsOfMembers, duesOfMembers, memberRecordsWithNames, messagesOf, requestsOfUser, signUpsOfMembers } from '../../storage/my-data.repository';
import type { Q } from '../../storage/schema';
import { transfersOfMembers } from '../../storage/transfers.repository';
import { defineFunction } from '../registry';
import { transferItem } from './transfer';

/** Everything held about a login, in full (their own numbers decrypted), for `myData`. */
async function collectMyData(db: Q, keys: Keys, userId: string) {
  const dec = (s: string) => {
    try {
      return decryptField(keys.field, s);
    } catch {
      return '';
    }
  };
  const user = await accountOf(db, userId);
  const members = await memberRecordsWithNames(db, userId);
  const ids = members.map((m) => m.id);
  const applications = await applicationsOfUser(db, userId);
  const signups = await signUpsOfMembers(db, ids);
  const checkins = await checkInsOfMembers(db, ids);
  const dues = await duesOfMembers(db, ids);
  const transfers = await transfersOfMembers(db, ids);
  const requests = await allDataRequestsOfMembers(db, ids);
  // 一人一档: what is in the member's file (metadata; the files themselves: membership.myAttachment).
  const attachments = await attachmentsOfMembers(db, ids);
  // 诉求/建议 they submitted (anonymous ones too: they are the submitter), each with its thread.
  const submitted = await requestsOfUser(db, userId);
  const thread = await messagesOf(db, submitted.map((r) => r.id));
  return {
    account: { id: user.id, displayName: user.display_name, createdAt: user.created_at },
    memberships: members.map((m) => ({
      memberId: m.id,
      union: m.union_name,
      memberNo: m.member_no,
      status: m.status,
      name: m.name,
      gender: m.gender,
      birthDate: m.birth_date,
      idNumber: dec(m.id_number_enc),
      phone: dec(m.phone_enc),
      ethnicity: m.ethnicity,
      education: m.education,
      politicalStatus: m.political_status,
      job: m.job,
      householdType: m.household_type,
      unit: m.listed_unit_name ?? m.unit_name,
      joinedAt: m.joined_at,
      leftAt: m.left_at,
      leftReason: m.left_reason,
    })),
    applications: applications.map((a) => ({
      applicationId: a.id,
      union: a.union_name,
      status: a.status,
      name: a.name,
      idNumber: dec(a.id_number_enc),
      phone: dec(a.phone_enc),
      ethnicity: a.ethnicity,
      education: a.education,
      politicalStatus: a.political_status,
      job: a.job,
      householdType: a.household_type,
      unitName: a.unit_name,
      consentVersion: a.consent_version,
      consentedAt: a.consented_at,
      submittedAt: a.created_at,
      reviewedAt: a.reviewed_at,
      rejectReason: a.reject_reason,
    })),
    activitySignUps: signups.map((s) => ({ activityId: s.activity_id, title: s.title, startAt: s.start_at, place: s.place, status: s.status, signedUpAt: s.signed_up_at, cancelledAt: s.cancelled_at })),
    activityCheckIns: checkins.map((k) => ({ activityId: k.activity_id, title: k.title, checkedInAt: k.checked_in_at, method: k.method, walkIn: k.walk_in === 1 })),
    duesPaid: dues.map((d) => ({ entryId: d.id, date: d.date, category: d.category, amountFen: Number(d.amount_fen), kind: d.kind, purpose: d.purpose })),
    transfers: transfers.map(transferItem).map(({ idNumberMasked: _i, phoneMasked: _p, ...t }) => t),
    fileAttachments: attachments.map((a) => ({
      attachmentId: a.id,
      memberId: a.member_id,
      kind: a.kind,
      fileName: a.file_name,
      mimeType: a.mime_type,
      sizeBytes: Number(a.size_bytes),
      uploadedBy: a.uploaded_as,
      uploadedAt: a.created_at,
      removedAt: a.removed_at,
    })),
    requests: submitted.map((r) => ({
      requestId: r.id,
      union: r.union_name,
      category: r.category,
      text: r.text,
      anonymous: Number(r.anonymous) === 1,
      withPhoto: r.photo_key !== null,
      status: r.status,
      submittedAt: r.submitted_at,
      closedAt: r.closed_at,
      rating: r.rating,
      ratingComment: r.rating_comment,
      messages: thread.filter((m) => m.request_id === r.id).map((m) => ({ author: m.author, kind: m.kind, authorName: m.author_name, body: m.body, at: m.created_at })),
    })),
    dataRequests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      field: r.field,
      requestedValue: r.value_enc ? dec(r.value_enc) : null,
      note: r.note,
      status: r.status,
      createdAt: r.created_at,
      handledAt: r.handled_at,
      response: r.response,
    })),
  };
}

/**
 * 下载我的数据: everything held about the caller as a JSON file (their own full ID number and
 * phone included: an audited reveal to themselves), whether a member, applicant or former member.
 */
export const myData = defineFunction({
  contract: c.myData,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const data = await collectMyData(ctx.db, ctx.services.keys, p.userId);
    const records =
      data.memberships.length + data.applications.length + data.activitySignUps.length + data.activityCheckIns.length + data.duesPaid.length +
      data.transfers.length + data.fileAttachments.length + data.requests.length + data.dataRequests.length;
    const file = { exportedAt: ctx.now.toISOString(), retentionYears: RETENTION_YEARS, ...data };
    await ctx.transaction(async (w) => {
      await w.audit({ objectType: 'user', objectId: p.userId, unionId: null, detail: { records, fullNumbers: data.memberships.length + data.applications.length > 0 } });
    });
    return {
      fileName: `我的数据-${chinaDate(ctx.now)}.json`,
      mimeType: 'application/json',
      base64: Buffer.from(JSON.stringify(file, null, 2), 'utf8').toString('base64'),
      records,
    };
  },
});

