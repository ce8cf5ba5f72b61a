/** The real-name roster fields (实名制信息) of one person, as entered (not yet normalised). */
export interface RealNameData {
  name: string;
  /** 身份证号 */
  idNumber: string;
  /** 手机号 */
  phone: string;
  /** 民族 */
  ethnicity: string;
  /** 学历 */
  education: string;
  /** 政治面貌 */
  politicalStatus: string;
  /** 岗位 */
  job: string;
  /** 户籍类型 / 是否农民工 */
  householdType: string;
}
