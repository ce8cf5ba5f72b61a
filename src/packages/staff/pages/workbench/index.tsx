import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../../../components/action-button'
import { MeCard } from '../../../../components/me-card'
import { useOrgTree } from '../../../../hooks/useOrgTree'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { isStaff, unionNames } from '../../../../lib/org'
import { FundLinks, fundLinks } from '../../components/fund-links'
import { OrgTreeView } from '../../components/org-tree-view'
import './index.scss'

/** Staff workbench (工作台): my unions and roles, the fund pages my roles open, and the organisation tree. */
export default function WorkbenchPage() {
  const { user, error, reload } = useSession({ loadUser: true })
  const { tree, error: treeError, reload: reloadTree } = useOrgTree()

  const problem = error ?? treeError
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
