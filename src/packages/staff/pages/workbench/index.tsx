import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../../../components/action-button'
import { MeCard } from '../../../../components/me-card'
import { useOrgTree } from '../../../../hooks/useOrgTree'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { isStaff, unionNames } from '../../../../lib/org'
import { APPLICATIONS_PAGE, COMMITTEES_PAGE, COMPLIANCE_PAGE, INVITES_PAGE, LIFECYCLE_PAGE, MEMBERSHIP_STATS_PAGE, REQUEST_STATS_PAGE, ROSTER_PAGE, STAFF_REQUESTS_PAGE } from '../../../../lib/routes'
import { FundLinks, fundLinks } from '../../components/fund-links'
import { OrgTreeView } from '../../components/org-tree-view'
import { STAFF_ACTIVITIES_PAGE } from '../../../../lib/activity-routes'
import { runsActivities } from '../../lib/activity-unions'
import { membershipUnions } from '../../lib/membership-unions'
import { EntryList } from './entry-list'
import './index.scss'

/** Membership work reachable from the workbench (入会与名册). */
const MEMBERSHIP_ENTRIES = [
  { title: '入会审核', description: '待审核的入会申请，批准或不批准', url: APPLICATIONS_PAGE },
  { title: '会员名册', description: '查找会员、查看完整号码、导出导入 .xlsx', url: ROSTER_PAGE },
  { title: '入会二维码', description: '生成二维码、下载海报、停用', url: INVITES_PAGE },
  { title: '入会统计', description: '各单位会员人数与入会率', url: MEMBERSHIP_STATS_PAGE },
  { title: '转会与信息请求', description: '接收转入会员、撤回转出；办理会员的更正和注销申请', url: LIFECYCLE_PAGE },
] as const

/** Organisation work (组织建设): committees and the standardisation checklist. */
const ORGANISATION_ENTRIES = [
  { title: '委员会', description: '委员会成员、任期、换届提醒、主席选举报批', url: COMMITTEES_PAGE },
  { title: '规范化建设', description: '检查清单与得分；行业工会查看各基层工会', url: COMPLIANCE_PAGE },
] as const

/** Members' requests and opinions (职工诉求): answer and close; the industry union's counts and overdue list. */
const REQUEST_ENTRIES = [
  { title: '职工诉求', description: '会员的诉求与建议：答复、办结', url: STAFF_REQUESTS_PAGE, industryOnly: false },
  { title: '诉求统计', description: '各基层工会诉求数量、满意率与逾期未答复清单', url: REQUEST_STATS_PAGE, industryOnly: true },
] as const

/** Staff workbench (工作台): membership work, my unions and roles, the fund pages my roles open, activities, organisation work, and the organisation tree. */
export default function WorkbenchPage() {
  const { user, error, reload } = useSession({ loadUser: true })
  const { tree, error: treeError, reload: reloadTree } = useOrgTree()

  const problem = error ?? treeError
  const unions = useMemo(() => (user && tree ? membershipUnions(user, tree) : []), [user, tree])
  return (
    <View className='page workbench'>
      <Text className='page-title' {...heading()}>
        工作台
      </Text>
      {user && !isStaff(user) ? (
        <Text className='muted' {...ariaRole('alert')}>
          工作台仅对工会干部开放。
        </Text>
      ) : (
        <>
          {unions.length > 0 && (
            <>
              <Text className='workbench__section'>入会与会员</Text>
              <EntryList entries={MEMBERSHIP_ENTRIES} unionIdOf={() => unions[0].id} />
            </>
          )}
          {unions.length > 0 && (
            <>
              <Text className='workbench__section'>组织建设</Text>
              <EntryList entries={ORGANISATION_ENTRIES} unionIdOf={() => unions[0].id} />
            </>
          )}
          {unions.length > 0 && (
            <>
              <Text className='workbench__section'>职工诉求</Text>
              <EntryList
                entries={REQUEST_ENTRIES.filter((e) => !e.industryOnly || unions.some((u) => u.kind === 'industry'))}
                unionIdOf={(e) => (e.industryOnly ? (unions.find((u) => u.kind === 'industry')?.id ?? unions[0].id) : unions[0].id)}
              />
            </>
          )}
          {user && (
            <>
              <Text className='workbench__section'>我的职务</Text>
              <MeCard user={user} unionNames={unionNames(tree)} />
              {fundLinks(user.roles, unionNames(tree), tree?.id ?? null).length > 0 && (
                <>
                  <Text className='workbench__section'>经费</Text>
                  <FundLinks links={fundLinks(user.roles, unionNames(tree), tree?.id ?? null)} onOpen={(url) => void Taro.navigateTo({ url })} />
                </>
              )}
            </>
          )}
          {user && runsActivities(user) && (
            <>
              <Text className='workbench__section'>活动</Text>
              <View className='workbench__entries'>
                <View className='workbench__entry' {...ariaRole('button')} onClick={() => void Taro.navigateTo({ url: STAFF_ACTIVITIES_PAGE })}>
                  <Cell title='活动管理' description='发布活动、签到台、扫码签到、活动记录' extra='›' clickable />
                </View>
              </View>
            </>
          )}
          <Text className='workbench__section'>组织架构</Text>
          {tree ? <OrgTreeView tree={tree} /> : !problem && <Text className='muted'>正在加载…</Text>}
        </>
      )}
      {problem && (
        <View className='workbench__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {problem.message}
          </Text>
          <ActionButton
            size='small'
            onClick={() => {
              reload()
              reloadTree()
            }}
          >
            重试
          </ActionButton>
        </View>
      )}
    </View>
  )
}
