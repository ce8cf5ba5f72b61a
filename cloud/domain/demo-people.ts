/**
 * Generated real-name data for demo members (演示会员). Valid by the same rules as
 * real applications (ID check digit, mobile format), but obviously fictional.
 */
import { buildIdNumber } from '../contract/fields/id-number';
import type { RealNameData } from './real-name';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const JOBS = ['厨师', '服务员', '收银员', '配送员', '面点师', '店长', '保洁员', '采购员'];
const EDUCATION = ['初中', '高中', '中专', '大专', '本科'];
const POLITICAL = ['群众', '共青团员', '中共党员'];
const HOUSEHOLD = ['农业户口（农民工）', '非农业户口'];

/** A small deterministic generator, so the same seed gives the same person. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `area` is a 6-digit administrative code (e.g. the county of the industry union). */
export function demoPerson(seed: string, area = '330106'): RealNameData {
  const r = rng(hashString(seed));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const year = 1970 + Math.floor(r() * 35);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    name: pick(SURNAMES) + pick(GIVEN),
    idNumber: buildIdNumber({ area, birthDate, sequence: Math.floor(r() * 1000) }),
    phone: `1${pick(['38', '39', '58', '86', '77'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
    ethnicity: r() < 0.9 ? '汉族' : '回族',
    education: pick(EDUCATION),
    politicalStatus: pick(POLITICAL),
    job: pick(JOBS),
    householdType: pick(HOUSEHOLD),
  };
}
