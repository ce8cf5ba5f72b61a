import { RETENTION_YEARS } from './lifecycle.labels';

/**
 * Membership constants the app needs at run time (选项、状态名称、授权说明). Zod-free,
 * so the light join page can import them without the schema library's full build.
 */

/** 民族: the 56 ethnic groups in the order of GB/T 3304, then 其他. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** 学历 (highest completed). */
export const EDUCATION_LEVELS = ['小学及以下', '初中', '高中', '中专', '大专', '本科', '研究生'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 政治面貌. */
export const POLITICAL_STATUSES = ['群众', '共青团员', '中共党员', '中共预备党员', '民主党派', '无党派人士'] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/**
 * 户籍类型 / 是否农民工, one choice: a worker with a rural household registration working
 * in a restaurant or shop is by definition a migrant worker (农民工).
 */
export const HOUSEHOLD_TYPES = ['农业户口（农民工）', '非农业户口'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** 是否农民工, as the provincial roster wants it (derived from the household type). */
export function isMigrantWorker(householdType: string): boolean {
  return householdType.startsWith('农业户口');
}

/**
 * Application states (入会申请状态):
 *   pending (审核中) → approved (已通过; a member row is created or an imported one is linked)
 *   pending → rejected (未通过, with the reviewer's reason)
 * Nothing leaves approved or rejected; a rejected worker may apply again (a new application).
 */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = { pending: '审核中', approved: '已通过', rejected: '未通过' };

/** Member states (会籍状态): active (在册) → left (已退会). */
export const MEMBER_STATUSES = ['active', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { active: '在册', left: '已退会' };

/** What `membership.myStatus` says about the caller. */
export type MyMembershipStatus = 'none' | 'pending' | 'member' | 'rejected' | 'left';
export const MY_STATUS_LABELS: Record<MyMembershipStatus, string> = {
  none: '尚未入会',
  pending: '审核中',
  member: '已入会',
  rejected: '未通过',
  left: '已退会',
};

/** Reveal fields (查看完整). */
export const REVEAL_FIELDS = ['idNumber', 'phone'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

/**
 * The consent the worker gives before entering the ID number (个人信息授权). The version is
 * stored with the time of consent on every application; change the version whenever the text
 * changes, and the join page shows the new text (the host refuses an outdated version).
 * v2 (2026-11): 保存多久 states the implemented rule (RETENTION_YEARS after leaving, then anonymised;
 * deletion on request at once) instead of "按工会档案管理规定".
 */
export const CONSENT_VERSION = 'join-consent-2026-11-v2';
export const CONSENT_TITLE = '个人信息授权说明';
export const CONSENT_PARAGRAPHS = [
  '用途：工会按照会员实名制要求登记会员信息，用于审核入会、办理电子会员卡、开展会员服务，并按规定报送全省工会会员实名制系统。',
  '保存的信息：姓名、身份证号、手机号、民族、学历、政治面貌、工作单位、岗位、户籍类型，以及由身份证号得出的性别和出生日期。身份证号和手机号加密保存。',
  '谁能看到：只有你所加入工会的工会干部在审核和管理名册时可以看到，平时只显示部分号码（如 110***********1234）；查看完整号码须填写理由并留下记录。',
  `保存多久：在你是会员期间保存；退会（或转到其他工会后原工会的记录）满 ${RETENTION_YEARS} 年后，姓名、身份证号、手机号等个人信息匿名化，只留下不含个人身份的统计信息（如会员编号、入会和退会日期），经费账目不受影响。你可以随时下载你的信息副本、申请更正，或申请注销删除，工会收到后会尽快办理，不必等满 ${RETENTION_YEARS} 年。`,
] as const;

/** Roster page size limits (会员名册分页). */
export const ROSTER_PAGE_SIZE_DEFAULT = 20;
export const ROSTER_PAGE_SIZE_MAX = 100;

/** The import cap: rows per `.xlsx` file (see docs/roster-xlsx.md for why). */
export const IMPORT_MAX_ROWS = 10000;
/** The import cap: file size before base64 (10,000 rows of the export layout are ≈ 0.9 MB). */
export const IMPORT_MAX_FILE_BYTES = 4 * 1024 * 1024;
/** The same cap as people read it. */
export const IMPORT_MAX_FILE_LABEL = '4 MB';
/** `membership.importRoster`'s request body limit: the file in base64 (4/3 of it) and the other fields. */
export const IMPORT_MAX_BODY_BYTES = 6 * 1024 * 1024;
