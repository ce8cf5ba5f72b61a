import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { ariaRole } from '../../../../lib/a11y'

/** One workbench entry: a staff page that opens for one union. */
export interface WorkbenchEntry {
  title: string
  description: string
  url: string
}

/**
 * A workbench section's entries, each a button named by its title (the end-to-end tests find them
 * by role and name). `unionIdOf` picks the union a page opens for, since some pages belong to the
 * industry union rather than the first one.
 */
export function EntryList<T extends WorkbenchEntry>({ entries, unionIdOf }: { entries: readonly T[]; unionIdOf: (entry: T) => string }) {
  return (
    <View className='workbench__entries'>
      {entries.map((e) => (
        <View
          key={e.url}
          className='workbench__entry'
          {...ariaRole('button')}
          onClick={() => void Taro.navigateTo({ url: `${e.url}?unionId=${encodeURIComponent(unionIdOf(e))}` })}
        >
          <Cell title={e.title} description={e.description} extra='›' clickable />
        </View>
      ))}
    </View>
  )
}
