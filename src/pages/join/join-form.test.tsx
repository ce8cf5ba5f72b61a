import { fireEvent, render, screen, within } from '@testing-library/react'
import type { InviteInfo } from '@cloud/contract'
import { buildIdNumber } from '@cloud/contract/fields/id-number'
import { JoinForm, type JoinFormProps } from './join-form'

const TODAY = '2026-11-25'
const ID = buildIdNumber({ area: '110105', birthDate: '1990-03-08', sequence: 24 })

function buildInvite(overrides: Partial<InviteInfo> = {}): InviteInfo {
  return {
    union: { id: 'b1', name: '老街美食城联合工会', kind: 'base' },
    industry: { id: 'ind', name: '青山县餐饮行业工会联合会' },
    explain: '“老街美食城联合工会”是你所在单位的基层工会，入会申请由它审核。',
    units: [
      { id: 'u1', name: '老街小吃店', unionId: 'b1', unionName: '老街美食城联合工会', unionKind: 'base' },
      { id: 'u2', name: '张记面馆', unionId: 'b1', unionName: '老街美食城联合工会', unionKind: 'base' },
    ],
    allowOtherUnit: false,
    expiresAt: null,
    ...overrides,
  }
}

function renderForm(props: Partial<JoinFormProps> = {}) {
  const onSubmit = jest.fn()
  render(<JoinForm invite={buildInvite()} today={TODAY} busy={false} serverErrors={{}} formError='' onSubmit={onSubmit} {...props} />)
  return { onSubmit }
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } })
const choose = (group: string, option: string) => fireEvent.click(within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option }))
const submit = () => fireEvent.click(screen.getByRole('button', { name: '提交入会申请' }))
const alert = (name: string) => screen.queryByRole('alert', { name })

function fillValid(): void {
  choose('工作单位', '张记面馆')
  type('姓名', '阿依古丽·买买提')
  type('身份证号', ID.toLowerCase())
  type('手机号', '+86 139 0000 1234')
  choose('学历', '大专')
  choose('政治面貌', '共青团员')
  choose('户籍类型', '非农业户口')
  type('岗位', '服务员')
}

describe('the join form', () => {
  it('marks every missing field before sending, with the shared schema\'s messages, and sends nothing', () => {
    const { onSubmit } = renderForm()
    submit()
    expect(onSubmit).not.toHaveBeenCalled()
    for (const name of ['工作单位：请选择工作单位', '姓名：请填写姓名', '身份证号：请填写身份证号', '手机号：请填写手机号', '学历：请选择学历', '政治面貌：请选择政治面貌', '户籍类型：请选择户籍类型', '岗位：请填写岗位']) {
      expect(alert(name)).not.toBeNull()
    }
    // 民族 has a default (汉族).
    expect(screen.queryByRole('alert', { name: /^民族/ })).toBeNull()
  })

  it('catches a wrong check digit and a birth date after today on the phone', () => {
    renderForm()
    type('身份证号', ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'))
    submit()
    expect(alert('身份证号：身份证号校验位不正确，请核对')).not.toBeNull()
    type('身份证号', buildIdNumber({ area: '110105', birthDate: '2026-11-26', sequence: 1 }))
    submit()
    expect(alert('身份证号：身份证号中的出生日期不能晚于今天')).not.toBeNull()
  })

  it('reads gender and birth date from the ID number instead of asking', () => {
    renderForm()
    type('身份证号', ID)
    expect(screen.getByText(/性别：女\s*出生日期：1990-03-08/)).toBeTruthy()
  })

  it('sends the filled form', () => {
    const { onSubmit } = renderForm()
    fillValid()
    submit()
    expect(onSubmit).toHaveBeenCalledWith({
      unitId: 'u2',
      name: '阿依古丽·买买提',
      idNumber: ID.toLowerCase(),
      phone: '+86 139 0000 1234',
      ethnicity: '汉族',
      education: '大专',
      politicalStatus: '共青团员',
      householdType: '非农业户口',
      job: '服务员',
    })
  })

  it('shows the server\'s field problems until the field is edited', () => {
    renderForm({ serverErrors: { idNumber: '身份证号校验位不正确，请核对' }, formError: '该身份信息已登记，如有疑问请联系工会。' })
    expect(alert('身份证号：身份证号校验位不正确，请核对')).not.toBeNull()
    expect(screen.getByText('该身份信息已登记，如有疑问请联系工会。')).toBeTruthy()
    type('身份证号', ID)
    expect(alert('身份证号：身份证号校验位不正确，请核对')).toBeNull()
  })

  it('fixes the employer when the code names one', () => {
    const { onSubmit } = renderForm({ invite: buildInvite({ unit: { id: 'u1', name: '老街小吃店' }, units: [] }) })
    expect(screen.getByText('老街小吃店')).toBeTruthy()
    expect(screen.queryByRole('radiogroup', { name: '工作单位' })).toBeNull()
    type('姓名', '王芳')
    type('身份证号', ID)
    type('手机号', '13900001234')
    choose('学历', '高中')
    choose('政治面貌', '群众')
    choose('户籍类型', '农业户口（农民工）')
    type('岗位', '厨师')
    submit()
    expect(onSubmit).toHaveBeenCalledWith(expect.not.objectContaining({ unitId: expect.anything() }))
  })

  it('on an industry code: lists every unit, says where a unit with its own union sends the worker, and takes "other"', () => {
    const invite = buildInvite({
      union: { id: 'ind', name: '青山县餐饮行业工会联合会', kind: 'industry' },
      units: [
        { id: 'u1', name: '老街小吃店', unionId: 'b1', unionName: '老街美食城联合工会', unionKind: 'base' },
        { id: 'u5', name: '山城火锅店', unionId: 'ind', unionName: '青山县餐饮行业工会联合会', unionKind: 'industry' },
        { id: 'u6', name: '好邻居便利餐厅', unionId: 'ind', unionName: '青山县餐饮行业工会联合会', unionKind: 'industry' },
        { id: 'u7', name: '大众快餐', unionId: 'b3', unionName: '大众快餐工会', unionKind: 'base' },
      ],
      allowOtherUnit: true,
    })
    const { onSubmit } = renderForm({ invite })
    fireEvent.click(screen.getByRole('button', { name: '工作单位' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: '工作单位' })).getByRole('radio', { name: /老街小吃店/ }))
    expect(screen.getByRole('status').textContent).toContain('你的申请将交“老街美食城联合工会”审核')
    fireEvent.click(screen.getByRole('button', { name: '工作单位' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: '工作单位' })).getByRole('radio', { name: /其他单位/ }))
    expect(screen.queryByRole('status')).toBeNull()
    fillValidExceptUnit()
    submit()
    expect(alert('单位名称：请填写工作单位名称')).not.toBeNull()
    type('单位名称', '路口早餐铺')
    submit()
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ unitName: '路口早餐铺' }))
    expect(onSubmit.mock.calls[0][0]).not.toHaveProperty('unitId')
  })
})

function fillValidExceptUnit(): void {
  type('姓名', '王芳')
  type('身份证号', ID)
  type('手机号', '13900001234')
  choose('学历', '高中')
  choose('政治面貌', '群众')
  choose('户籍类型', '农业户口（农民工）')
  type('岗位', '厨师')
}
