import type { CommitteeInfo } from '@cloud/contract'
import { ELECTION_STATUS_LABELS } from '@cloud/contract/org/labels'

const TIMING_LABELS = { early: '提前换届', late: '延期换届', on_time: '按期换届' } as const

/** A 文号 such as 青餐工〔2025〕8号 (its year and number are what repeat). */
const DOCUMENT_NUMBER = /〔\d{4}〕\d+号/g

type Facts = Pick<CommitteeInfo, 'termStart' | 'termEnd' | 'form' | 'electionStatus' | 'electionApprovalRef' | 'upperApprovalNote' | 'upperApprovalFile'>

/**
 * The committee card's term line and approval line, each document number said once (issue 18 item 6:
 * the same 批复文号 stood in the election result, the approval note and the file's name). The approval
 * note is shown as written; the file's name unless the note already says the 文号 it carries (the 查看
 * button opens the file); the election's number is left out of the term line when the approval line
 * already says it.
 */
export function committeeLines(c: Facts): { term: string; approval: string | null } {
  const note = c.upperApprovalNote?.trim() ?? ''
  const fileName = c.upperApprovalFile?.fileName ?? ''
  const fileSaysNoteNumber = (fileName.match(DOCUMENT_NUMBER) ?? []).some((n) => note.includes(n))
  const shown = [note, fileSaysNoteNumber ? '' : fileName].filter(Boolean).join(' ')
  const approval = note || c.upperApprovalFile ? `上级批复${c.upperApprovalFile ? `（${TIMING_LABELS[c.upperApprovalFile.timing]}）` : ''}：${shown}` : null
  const ref = c.electionApprovalRef?.trim() ?? ''
  const refShown = ref && !(approval ?? '').includes(ref) ? `（${ref}）` : ''
  const election = c.form === 'committee' ? ` · 主席选举：${ELECTION_STATUS_LABELS[c.electionStatus]}${refShown}` : ''
  return { term: `任期 ${c.termStart} 至 ${c.termEnd}${election}`, approval }
}
