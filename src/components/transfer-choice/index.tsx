import { type TransferTargetOption, unionChoiceName, unitChoiceName, unitChoices } from '../../lib/transfer-targets'
import { ChoiceChips } from '../choice-chips'

/** 转入工会: the unions a member may transfer to, one tap each (member 转会 and staff 转出 alike). */
export function TransferUnionChips({ targets, value, onChange }: { targets: TransferTargetOption[]; value: string; onChange: (unionId: string) => void }) {
  return <ChoiceChips label='转入工会' options={targets.map((t) => t.unionId)} display={(id) => unionChoiceName(targets, id)} value={value} onChange={onChange} />
}

/** 新的工作单位: the receiving union's units, and 其他单位 where one may be typed in. */
export function TransferUnitChips({ target, value, onChange }: { target: TransferTargetOption; value: string; onChange: (unitId: string) => void }) {
  return <ChoiceChips label='新的工作单位' options={unitChoices(target)} display={(id) => unitChoiceName(target, id)} value={value} onChange={onChange} />
}
