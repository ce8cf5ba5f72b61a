import { committeeLines } from './committee-text'

const base = {
  termStart: '2025-04-08',
  termEnd: '2030-04-08',
  form: 'committee' as const,
  electionStatus: 'approved' as const,
  electionApprovalRef: '青餐工〔2025〕8号',
  upperApprovalNote: '青餐工〔2025〕8号 同意延期换届',
  upperApprovalFile: { id: 'f1', fileName: '青餐工〔2025〕8号 关于同意延期换届的批复.pdf', timing: 'late' as const, mimeType: 'application/pdf', sizeBytes: 1, uploadedAt: '2025-04-08T00:00:00Z' },
}

describe('委员会 card text (issue 18 item 6)', () => {
  it('says the approval document number once', () => {
    const { term, approval } = committeeLines(base as never)
    const all = `${term}\n${approval}`
    expect(all.split('青餐工〔2025〕8号').length - 1).toBe(1)
    expect(term).toBe('任期 2025-04-08 至 2030-04-08 · 主席选举：已批准')
    expect(approval).toBe('上级批复（延期换届）：青餐工〔2025〕8号 同意延期换届')
  })

  it('keeps the election number when the approval line does not say it, and names the file when there is no note', () => {
    const { term, approval } = committeeLines({ ...base, upperApprovalNote: null } as never)
    expect(approval).toBe('上级批复（延期换届）：青餐工〔2025〕8号 关于同意延期换届的批复.pdf')
    expect(term).toContain('主席选举：已批准')
    const unnumbered = committeeLines({ ...base, upperApprovalFile: { ...base.upperApprovalFile, fileName: '延期换届批复.png' } } as never)
    expect(unnumbered.approval).toBe('上级批复（延期换届）：青餐工〔2025〕8号 同意延期换届 延期换届批复.png')
    const none = committeeLines({ ...base, upperApprovalNote: null, upperApprovalFile: null } as never)
    expect(none.approval).toBeNull()
    expect(none.term).toBe('任期 2025-04-08 至 2030-04-08 · 主席选举：已批准（青餐工〔2025〕8号）')
  })
})
