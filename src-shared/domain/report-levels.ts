/**
 * Reporting level by level (一级抓一级): the one state machine every review step goes through, for one
 * period and one city. A county report goes to its city (待市审核), or straight to the province when the
 * city has no account and the province routes such counties directly; the city accepts or returns each
 * county and submits the city report; the province accepts or returns the city report, and may return
 * a single county report itself. An accepted report is locked at every level below: it changes only
 * through a correction request (更正申请) granted by the level it is locked at.
 *
 * Pure: the server loads the standing of a city's counties and its city report, asks `transition`
 * what an action does, and writes exactly the change it answers (with the history entry). A refusal
 * is a value with a Chinese message saying what to do; nothing is thrown.
 */

export type LevelRole = 'county' | 'city' | 'province';
/** A county report: 未报送, 审核中 (at the city or the province), 已退回, 已通过. */
export type CountyStage = 'not_submitted' | 'pending' | 'returned' | 'accepted';
/** The city report: 未上报, 待省审核, 已退回, 已通过, 已撤回 (open again, like 未上报). */
export type CityStage = 'open' | 'submitted' | 'returned' | 'accepted' | 'withdrawn';
export type CorrectionStage = 'requested' | 'granted' | 'refused';

export const COUNTY_STAGE_LABELS: Readonly<Record<CountyStage, string>> = { not_submitted: '未报送', pending: '审核中', returned: '已退回', accepted: '已通过' };
export const CITY_STAGE_LABELS: Readonly<Record<CityStage, string>> = { open: '未上报', submitted: '待省审核', returned: '省已退回', accepted: '省已通过', withdrawn: '已撤回' };

export interface CountyStanding {
  code: string;
  /** As staff read it in a message: 道里区. */
  name: string;
  stage: CountyStage;
  /** The open correction request of this report, if any. */
  correction: CorrectionStage | null;
}

/** One city and its counties for one period: all a transition needs to know. */
export interface CityWorld {
  cityCode: string;
  /** The city has a staff account: its counties report to it. */
  hasCityAccount: boolean;
  /** The province setting: counties of a city without an account go straight to the province. */
  directToProvince: boolean;
  cityStage: CityStage;
  counties: readonly CountyStanding[];
}

export interface LevelActor {
  role: LevelRole;
  /** A city account's city; a county's city. */
  cityCode: string | null;
  /** Set for a county. */
  countyCode?: string | null;
}

export type LevelAction =
  | { kind: 'county.submit'; county: string }
  | { kind: 'county.accept'; county: string }
  | { kind: 'county.return'; county: string; reason: string }
  | { kind: 'city.submit'; forceReason: string | null }
  | { kind: 'city.withdraw' }
  | { kind: 'city.accept' }
  | { kind: 'city.return'; reason: string }
  | { kind: 'correction.request'; county: string }
  | { kind: 'correction.grant'; county: string }
  | { kind: 'correction.refuse'; county: string; reason: string };
export type LevelActionKind = LevelAction['kind'];

/** What an allowed action changes; only the named parts change. */
export interface LevelChange {
  counties: Record<string, CountyStage>;
  city: CityStage | null;
  correction: { county: string; stage: CorrectionStage } | null;
  /** Counties the city report left out (强制上报), named in its reason. */
  missing: string[];
}

export interface LevelRefusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION';
  message: string;
  details?: Record<string, unknown>;
}

export type LevelResult = { ok: true; change: LevelChange } | { ok: false; error: LevelRefusal };

/** Who judges the counties of this city: the city, or the province when they are routed straight to it. */
export function countyReviewer(world: Pick<CityWorld, 'hasCityAccount' | 'directToProvince'>): 'city' | 'province' {
  return !world.hasCityAccount && world.directToProvince ? 'province' : 'city';
}

/** The level a county's accepted report is locked at, which grants its correction requests. */
export function correctionDecider(world: CityWorld): 'city' | 'province' {
  if (countyReviewer(world) === 'province') return 'province';
  return world.cityStage === 'submitted' || world.cityStage === 'accepted' ? 'province' : 'city';
}

/** The city report is with the province or accepted by it: the city's own review is closed. */
export function cityReviewClosed(stage: CityStage): boolean {
  return stage === 'submitted' || stage === 'accepted';
}

const refuse = (code: LevelRefusal['code'], message: string, details?: Record<string, unknown>): LevelResult => ({ ok: false, error: details ? { code, message, details } : { code, message } });
const allow = (change: Partial<LevelChange>): LevelResult => ({ ok: true, change: { counties: {}, city: null, correction: null, missing: [], ...change } });

const LOCKED_BY_PROVINCE = '市级报表已由省里审核通过，已锁定；如需更正，请县里提交更正申请，由省里批准';
const CITY_WITH_PROVINCE = '市级报表已上报省里，市里的审核已结束；如需改动，请先撤回市级报表（省里尚未审核时）或等省里退回';

export function transition(world: CityWorld, actor: LevelActor, action: LevelAction): LevelResult {
  if (action.kind.startsWith('city.')) return cityAction(world, actor, action);
  const county = world.counties.find((c) => c.code === (action as { county: string }).county);
  if (!county) return refuse('FORBIDDEN', '该县不属于本市，无权处理');
  switch (action.kind) {
    case 'county.submit':
      return countySubmit(world, actor, county);
    case 'county.accept':
      return countyAccept(world, actor, county);
    case 'county.return':
      return countyReturn(world, actor, county, action.reason);
    case 'correction.request':
      return correctionRequest(actor, county);
    case 'correction.grant':
    case 'correction.refuse':
      return correctionDecision(world, actor, county, action.kind === 'correction.grant' ? null : action.reason);
    default:
      return refuse('VALIDATION', '未知的操作');
  }
}

function countySubmit(_world: CityWorld, actor: LevelActor, county: CountyStanding): LevelResult {
  if (actor.role !== 'county' || actor.countyCode !== county.code) return refuse('FORBIDDEN', '只有本县可以上报本县的调度表');
  if (county.stage === 'accepted') return refuse('CONFLICT', '该期调度表已审核通过，已锁定；如需更正，请提交更正申请，批准后再修改上报');
  // A pending report sent again (a second PC of the county) replaces the one not yet judged: the newest submission is reviewed.
  return allow({ counties: { [county.code]: 'pending' } });
}

function mayJudgeCounty(world: CityWorld, actor: LevelActor, province: boolean): LevelRefusal | null {
  if (actor.role === 'county') return { code: 'FORBIDDEN', message: '县级不能审核调度表' };
  if (actor.role === 'city' && actor.cityCode !== world.cityCode) return { code: 'FORBIDDEN', message: '无权审核其他地市的县（区、市）调度表' };
  if (!province && countyReviewer(world) !== actor.role) {
    return countyReviewer(world) === 'city'
      ? { code: 'FORBIDDEN', message: '该县调度表应先由市级审核通过；省里可以退回单个县的报表，或审核市级报表' }
      : { code: 'FORBIDDEN', message: '本市没有市级账号，其县级调度表直接由省里审核' };
  }
  return null;
}

function countyAccept(world: CityWorld, actor: LevelActor, county: CountyStanding): LevelResult {
  const denied = mayJudgeCounty(world, actor, false);
  if (denied) return refuse(denied.code, denied.message);
  if (county.stage !== 'pending') return refuse('CONFLICT', `${county.name}${stageWhy(county.stage)}，不能审核通过`, { stage: county.stage });
  if (countyReviewer(world) === 'city' && cityReviewClosed(world.cityStage)) return refuse('CONFLICT', CITY_WITH_PROVINCE);
  return allow({ counties: { [county.code]: 'accepted' } });
}

function countyReturn(world: CityWorld, actor: LevelActor, county: CountyStanding, reason: string): LevelResult {
  const denied = mayJudgeCounty(world, actor, actor.role === 'province');
  if (denied) return refuse(denied.code, denied.message);
  if (!reason.trim()) return refuse('VALIDATION', '退回时请写明退回原因，县里据此修改', { fields: [{ field: 'comment', message: '请填写退回原因' }] });
  if (county.stage !== 'pending' && county.stage !== 'accepted') return refuse('CONFLICT', `${county.name}${stageWhy(county.stage)}，不能退回`, { stage: county.stage });
  if (world.cityStage === 'accepted') return refuse('CONFLICT', LOCKED_BY_PROVINCE);
  if (actor.role === 'city' && cityReviewClosed(world.cityStage)) return refuse('CONFLICT', CITY_WITH_PROVINCE);
  // The province returning a county of a city report it holds sends that city report back as well.
  const city = actor.role === 'province' && world.cityStage === 'submitted' ? 'returned' : null;
  return allow({ counties: { [county.code]: 'returned' }, city });
}

function cityAction(world: CityWorld, actor: LevelActor, action: LevelAction): LevelResult {
  const cityActs = action.kind === 'city.submit' || action.kind === 'city.withdraw';
  if (cityActs && (actor.role !== 'city' || actor.cityCode !== world.cityCode)) return refuse('FORBIDDEN', '只有本市的市级账号可以上报或撤回本市的市级报表');
  if (!cityActs && actor.role !== 'province') return refuse('FORBIDDEN', '只有省级账号可以审核市级报表');
  switch (action.kind) {
    case 'city.submit':
      return citySubmit(world, action.forceReason);
    case 'city.withdraw':
      return world.cityStage === 'submitted' ? allow({ city: 'withdrawn' }) : refuse('CONFLICT', `市级报表${cityWhy(world.cityStage)}，不能撤回`, { stage: world.cityStage });
    case 'city.accept':
      return world.cityStage === 'submitted' ? allow({ city: 'accepted' }) : refuse('CONFLICT', `市级报表${cityWhy(world.cityStage)}，不能审核通过`, { stage: world.cityStage });
    case 'city.return':
      if (!action.reason.trim()) return refuse('VALIDATION', '退回时请写明退回原因，市里据此处理', { fields: [{ field: 'comment', message: '请填写退回原因' }] });
      return world.cityStage === 'submitted' ? allow({ city: 'returned' }) : refuse('CONFLICT', `市级报表${cityWhy(world.cityStage)}，不能退回`, { stage: world.cityStage });
    default:
      return refuse('VALIDATION', '未知的操作');
  }
}

function citySubmit(world: CityWorld, forceReason: string | null): LevelResult {
  if (countyReviewer(world) === 'province') return refuse('CONFLICT', '本市的县级调度表直接报省，无需上报市级报表');
  if (cityReviewClosed(world.cityStage)) return refuse('CONFLICT', `市级报表${cityWhy(world.cityStage)}，不能再上报`, { stage: world.cityStage });
  const missing = world.counties.filter((c) => c.stage !== 'accepted');
  if (missing.length === 0) return allow({ city: 'submitted' });
  const names = missing.map((c) => c.name);
  if (!forceReason?.trim()) {
    return refuse('VALIDATION', `还有 ${missing.length} 个县（区、市）没有审核通过：${names.join('、')}。请催报并审核后再上报；确需先上报的，请选择强制上报并写明原因（写出这些县的名称）`, {
      missing: missing.map((c) => c.code),
      fields: [{ field: 'forceReason', message: '请填写强制上报说明' }],
    });
  }
  const unnamed = missing.filter((c) => !namesCounty(forceReason, c.name));
  if (unnamed.length > 0) {
    return refuse('VALIDATION', `强制上报说明中请写明每个未通过审核的县（区、市）及原因，还缺：${unnamed.map((c) => c.name).join('、')}`, {
      missing: unnamed.map((c) => c.code),
      fields: [{ field: 'forceReason', message: `请写明：${unnamed.map((c) => c.name).join('、')}` }],
    });
  }
  return allow({ city: 'submitted', missing: missing.map((c) => c.code) });
}

/** The reason names a county by its full name or its name without the 区/县/市/旗 suffix (道里区 or 道里). */
export function namesCounty(reason: string, name: string): boolean {
  const short = name.length > 2 ? name.replace(/(自治县|区|县|市|旗)$/, '') : name;
  return reason.includes(name) || (short.length >= 2 && reason.includes(short));
}

function correctionRequest(actor: LevelActor, county: CountyStanding): LevelResult {
  if (actor.role !== 'county' || actor.countyCode !== county.code) return refuse('FORBIDDEN', '只有本县可以为本县的调度表提交更正申请');
  if (county.stage !== 'accepted') return refuse('CONFLICT', '只有已审核通过（已锁定）的调度表才需要更正申请；未锁定的调度表可以直接修改上报');
  if (county.correction === 'requested') return refuse('CONFLICT', '该期已有一份更正申请在等待审批，请等待上级答复');
  return allow({ correction: { county: county.code, stage: 'requested' } });
}

function correctionDecision(world: CityWorld, actor: LevelActor, county: CountyStanding, refusalReason: string | null): LevelResult {
  const decider = correctionDecider(world);
  if (actor.role === 'county') return refuse('FORBIDDEN', '县级不能审批更正申请');
  if (actor.role === 'city' && actor.cityCode !== world.cityCode) return refuse('FORBIDDEN', '无权审批其他地市的更正申请');
  if (actor.role !== decider) {
    return refuse('FORBIDDEN', decider === 'province' ? '该报表已随市级报表报省，更正申请由省里审批' : '该报表由市里审核通过，更正申请由市里审批');
  }
  if (county.correction !== 'requested' || county.stage !== 'accepted') return refuse('CONFLICT', '没有等待审批的更正申请（可能已被审批或撤回）');
  if (refusalReason !== null) {
    if (!refusalReason.trim()) return refuse('VALIDATION', '不同意更正时请写明理由，县里据此知道如何处理', { fields: [{ field: 'comment', message: '请填写理由' }] });
    return allow({ correction: { county: county.code, stage: 'refused' } });
  }
  // A grant reopens that county only; the city report its figures are in goes back to the city with it.
  const city = cityReviewClosed(world.cityStage) ? 'returned' : null;
  return allow({ counties: { [county.code]: 'returned' }, city, correction: { county: county.code, stage: 'granted' } });
}

function stageWhy(stage: CountyStage): string {
  return { not_submitted: '本期尚未上报', pending: '的调度表正在审核', returned: '的调度表已退回，等待县里重新上报', accepted: '的调度表已审核通过' }[stage];
}

function cityWhy(stage: CityStage): string {
  return { open: '尚未上报', submitted: '已上报，等待省里审核', returned: '已被省里退回', accepted: '已由省里审核通过', withdrawn: '已被市里撤回' }[stage];
}

/** The world after a change: what the server writes, and what the model test's reference is checked against. */
export function applyChange(world: CityWorld, change: LevelChange): CityWorld {
  return {
    ...world,
    cityStage: change.city ?? world.cityStage,
    counties: world.counties.map((c) => ({
      ...c,
      stage: change.counties[c.code] ?? c.stage,
      correction: change.correction?.county === c.code ? change.correction.stage : change.counties[c.code] === 'pending' ? null : c.correction,
    })),
  };
}
