/**
 * Reference data every installation starts with (the PC seeds it, the server names it): the
 * occupation catalogue of the seed notice, and the five national platforms that the notice
 * 发改办就业〔2020〕100号 names. Nothing here is invented.
 */
export const SEED_OCCUPATIONS = [
  '医护用品制造', '心理疏导', '健康照护', '家政服务', '养老护理', '托幼', '网约配送', '电商', '农副产品和食品加工',
  '家电维修', '保安', '汽修', '电工', '餐饮', '美发', '种养殖', '妇女手工', '先进制造业', '战略性新兴产业', '现代服务业',
  '循环农业', '智慧农业', '智能建筑', '智慧城市', '人工智能', '云计算', '大数据',
] as const;

export const SEED_GENERAL_CONTENT = ['通用职业素质', '法律法规', '职业指导', '安全生产', '消防环保', '健康卫生', '疫病防控'] as const;

export const NAMED_NATIONAL_PLATFORMS: ReadonlyArray<{ name: string; url: string | null }> = [
  { name: '工业和信息化技术技能人才网上学习平台', url: 'https://www.tech-skills.org.cn' },
  { name: '技能强国-全国产业工人技能学习平台', url: 'https://skills.kjcxchina.com' },
  { name: '“学习强国”技能频道', url: null },
  { name: '中国职业培训在线', url: 'https://px.class.com.cn' },
  { name: '中国国家人事人才培训网', url: 'https://www.chinanet.gov.cn' },
];
