/**
 * The committees of a union as staff see them (`org.committees`, and the checklist's committee
 * items): loaded through the repository, then each checked against the rules of
 * `domain/organisation.ts` (`committeeState`) with the roster's counts of today.
 */
import type { CommitteeInfo, ReelectionItem, SeatInfo, TermApprovalFileInfo } from '../../contract/org/committees';
import { COMMITTEE_KINDS, COMMITTEE_LABELS } from '../../contract/org/labels';
import { committeeState, reelectionState, requiredForm } from '../../domain/organisation';
import { activeSeatsOf, approvalFilesByIds, committeesOf, committeeTermsOf } from '../../storage/committees.repository';
import type { CommitteeApprovalFilesTable, Q } from '../../storage/schema';

export function approvalFileInfo(f: CommitteeApprovalFilesTable | undefined): TermApprovalFileInfo | null {
  return f ? { id: f.id, fileName: f.file_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes), timing: f.timing, termStart: f.term_start, uploadedAt: f.created_at } : null;
}

const SEAT_ORDER = { chair: 0, vice_chair: 1, member: 2 } as const;

/** The three committees of a union (existing or not), with seats, terms, vacancies and problems. */
export async function committeeInfos(db: Q, union: { id: string; kind: 'industry' | 'base' }, counts: { members: number; women: number }, today: string): Promise<CommitteeInfo[]> {
  const rows = await committeesOf(db, union.id);
  const seats = await activeSeatsOf(db, rows.map((r) => r.id));
  const files = await approvalFilesByIds(db, rows.map((r) => r.upper_approval_file_id).filter((x): x is string => !!x));
  return COMMITTEE_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const required = requiredForm(kind, counts);
    const form = row?.form ?? null;
    const label = COMMITTEE_LABELS[kind][form ?? required];
    const mine: SeatInfo[] = seats
      .filter((s) => s.committee_id === row?.id)
      .map((s) => ({ id: s.id, role: s.role, memberId: s.member_id, name: s.person_name, since: s.since }))
      .sort((a, b) => SEAT_ORDER[a.role] - SEAT_ORDER[b.role]);
    const { problems, vacancies } = committeeState(
      { unionKind: union.kind, kind, counts, committee: row ? { form: row.form, termStart: row.term_start, termEnd: row.term_end } : null, seatRoles: mine.map((s) => s.role), today },
      COMMITTEE_LABELS[kind],
    );
    return {
      kind,
      form,
      requiredForm: required,
      label,
      exists: !!row,
      termStart: row?.term_start ?? null,
      termEnd: row?.term_end ?? null,
      reelection: row ? reelectionState(row.term_end, today) : null,
      upperApprovalNote: row?.upper_approval_note ?? null,
      upperApprovalFile: approvalFileInfo(files.find((f) => f.id === row?.upper_approval_file_id)),
      electionStatus: row?.election_status ?? 'none',
      electionApprovalRef: row?.election_approval_ref ?? null,
      electionApprovedOn: row?.election_approved_on ?? null,
      seats: mine,
      vacancies,
      problems,
    };
  });
}

/** Due and overdue re-elections of the given unions, overdue first, then by date. */
export async function reelections(db: Q, unionIds: string[], today: string): Promise<ReelectionItem[]> {
  const rows = await committeeTermsOf(db, unionIds);
  return rows
    .flatMap((r) => {
      const state = reelectionState(r.term_end, today);
      if (state === 'ok') return [];
      return [{ unionId: r.union_id, unionName: r.name, kind: r.kind, label: COMMITTEE_LABELS[r.kind][r.form], termEnd: r.term_end, state }];
    })
    .sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1));
}
