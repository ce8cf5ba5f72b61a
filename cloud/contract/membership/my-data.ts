/** 下载我的数据: `membership.myData`. */
import { z } from 'zod';
import { defineContract } from '../define';
import type { FileResult } from '../file';

export const myData = defineContract<FileResult & { records: number }>()('membership.myData', z.strictObject({}), '下载我的数据（JSON：会员信息、申请、活动、会费、转会、档案材料、诉求、个人信息请求；记入审计日志）');
