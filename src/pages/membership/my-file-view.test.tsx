import { fireEvent, render, screen, within } from '@testing-library/react'
import type { MyFileResult } from '@cloud/contract'
import { buildMyAttachment } from '../../../tests/ui/factories'
import { fileSummary, MyFileView, type MyFileViewProps } from './my-file-view'

function buildFile(overrides: Partial<MyFileResult> = {}): MyFileResult {
  return {
    unionName: '老街面馆工会',
    attachments: [buildMyAttachment(), buildMyAttachment({ id: 'att-2', kind: 'health', kindLabel: '健康证明', fileName: '体检报告.pdf', mimeType: 'application/pdf', sizeBytes: 2 * 1024 * 1024, uploadedBy: 'union' })],
    complete: true,
    limits: { maxBytes: 5 * 1024 * 1024, maxCount: 20 },
    ...overrides,
  }
}

function renderView(props: Partial<MyFileViewProps> = {}) {
  const handlers = { onUpload: jest.fn(), onOpen: jest.fn(), onDownload: jest.fn(), onRemove: jest.fn() }
  const view = render(<MyFileView file={buildFile()} {...handlers} {...props} />)
  return { ...handlers, ...view }
}

describe('我的档案', () => {
  it('lists what is on file with who uploaded it, and says whether the file is complete', () => {
    renderView()
    const items = screen.getAllByRole('listitem')
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['职称证书.png', '体检报告.pdf'])
    expect(within(items[0]).getByText('图片 · 300 KB · 本人上传于 2026-11-25')).toBeTruthy()
    expect(within(items[1]).getByText('PDF · 2.0 MB · 工会上传于 2026-11-25')).toBeTruthy()
    expect(screen.getByText(/档案已齐全/)).toBeTruthy()
  })

  it('offers 删除 only on the member\'s own uploads, and removes after a confirmation', () => {
    const { onRemove } = renderView()
    const [own, union] = screen.getAllByRole('listitem')
    expect(within(union).queryByText('删除')).toBeNull()
    expect(within(union).getByText('工会上传的材料如需删除，请联系工会。')).toBeTruthy()
    fireEvent.click(within(own).getByText('删除'))
    expect(onRemove).not.toHaveBeenCalled()
    fireEvent.click(within(own).getByText('确定删除'))
    expect(onRemove).toHaveBeenCalledWith(expect.objectContaining({ id: 'att-1' }))
  })

  it('views images inline and opens or downloads any attachment', () => {
    const { onOpen, onDownload, rerender } = renderView()
    const [own, union] = screen.getAllByRole('listitem')
    fireEvent.click(within(own).getByText('查看'))
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'att-1' }))
    // A PDF has no inline view: 打开 hands it to the reader (or downloads it in a browser).
    expect(within(union).queryByText('查看')).toBeNull()
    fireEvent.click(within(union).getByText('打开'))
    expect(onDownload).toHaveBeenCalledWith(expect.objectContaining({ id: 'att-2' }))
    rerender(<MyFileView file={buildFile()} preview={{ id: 'att-1', src: 'data:image/png;base64,AA==' }} onUpload={jest.fn()} onOpen={onOpen} onDownload={onDownload} onRemove={jest.fn()} />)
    expect(screen.getByLabelText('职称证书.png预览')).toBeTruthy()
  })

  it('uploads only once a kind is chosen, from the kinds a member may add', () => {
    const { onUpload } = renderView({ file: buildFile({ attachments: [], complete: false }) })
    expect(screen.getByText(/档案中还没有材料：可上传/)).toBeTruthy()
    expect(screen.queryByText(/档案已齐全/)).toBeNull()
    expect(screen.getByText('上传材料（JPG、PNG、WebP 图片或 PDF，不超过 5.0 MB）')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '上传材料' }))
    expect(screen.getByRole('alert').textContent).toBe('请先选择材料类型')
    expect(onUpload).not.toHaveBeenCalled()
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual(['学历证书', '职称证书', '荣誉证书', '健康证明', '其他材料'])
    fireEvent.click(screen.getByRole('radio', { name: '荣誉证书' }))
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '上传材料' }))
    expect(onUpload).toHaveBeenCalledWith('honour')
  })

  it('at the limit asks to remove something first instead of offering an upload', () => {
    renderView({ file: buildFile({ limits: { maxBytes: 5 * 1024 * 1024, maxCount: 2 } }) })
    expect(screen.queryByRole('form', { name: '上传材料' })).toBeNull()
    expect(screen.getByText('档案材料已达 2 个上限，请先删除不需要的材料。')).toBeTruthy()
  })

  it('shows loading, the last step\'s result and a refusal', () => {
    const { rerender } = renderView({ file: null })
    expect(screen.getByRole('status').textContent).toBe('正在加载…')
    rerender(<MyFileView file={buildFile()} message='已上传 职称证书.png（职称证书）' problem='' onUpload={jest.fn()} onOpen={jest.fn()} onDownload={jest.fn()} onRemove={jest.fn()} />)
    expect(screen.getByRole('status').textContent).toBe('已上传 职称证书.png（职称证书）')
    rerender(<MyFileView file={buildFile()} problem='文件过大，请压缩后再上传' onUpload={jest.fn()} onOpen={jest.fn()} onDownload={jest.fn()} onRemove={jest.fn()} />)
    expect(screen.getByRole('alert').textContent).toBe('文件过大，请压缩后再上传')
  })

  it('says one true thing about the file: complete with only the application on file is not “no material”', () => {
    expect(fileSummary({ complete: true, attachments: [] })).toBe('档案已齐全：你的入会申请已存档，还可以上传学历或职称证书等材料。')
    expect(fileSummary({ complete: false, attachments: [] })).toMatch(/^档案中还没有材料/)
    renderView({ file: buildFile({ attachments: [], complete: true }) })
    expect(screen.getByText(/档案已齐全/)).toBeTruthy()
    expect(screen.queryByText(/还没有材料/)).toBeNull()
  })
})
