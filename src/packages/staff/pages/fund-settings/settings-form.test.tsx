import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { SettingsForm } from './settings-form'

const SETTINGS = { unionId: 'u-1', noticePeriod: 'quarter' as const, itemThresholdFen: 100_000, holidayCapFen: 150_000, birthdayCapFen: 30_000, dueDays: 15, subCategories: { 职工活动支出: ['读书会'] } }

describe('经费设置 form', () => {
  it('shows the caps in yuan and saves them in fen, with the union\'s own sub-categories', async () => {
    const onSave = jest.fn(() => Promise.resolve())
    render(<SettingsForm settings={SETTINGS} isIndustry={false} canEdit onSave={onSave} />)
    expect((screen.getByLabelText('节日慰问标准（每人每年，元）') as HTMLInputElement).value).toBe('1500.00')
    expect((screen.getByLabelText('职工活动支出') as HTMLInputElement).value).toBe('读书会')
    fireEvent.change(screen.getByLabelText('生日慰问标准（每人每年，元）'), { target: { value: '200' } })
    fireEvent.change(screen.getByLabelText('职工活动支出'), { target: { value: '读书会、志愿服务，读书会' } })
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }))
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ holidayCapFen: 150_000, birthdayCapFen: 20_000, itemThresholdFen: 100_000, noticePeriod: 'quarter', dueDays: 15, subCategories: { 职工活动支出: ['读书会', '志愿服务'] } }),
    )
    expect(screen.queryByLabelText('基层工会公示期限（季度结束后天数）')).toBeNull()
  })

  it('lets the reviewer read but not save', () => {
    render(<SettingsForm settings={SETTINGS} isIndustry={false} canEdit={false} onSave={jest.fn()} />)
    expect(screen.queryByRole('button', { name: '保存设置' })).toBeNull()
  })
})
