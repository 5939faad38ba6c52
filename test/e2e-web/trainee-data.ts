/** Trainees with valid GB 11643 numbers (checksums computed with idChecksumChar), for the list tests. */
export const LI_SI = {
  idNumber: '230102199003071237',
  name: '李四',
  phone: '13812345678',
  categories: ['poverty_registered'],
  ruralHukou: true,
  registeredAt: '2020-04-10',
  platformId: null,
  note: null,
};
export const WANG_FANG = {
  idNumber: '230102198511200045',
  name: '王芳',
  phone: '13945678901',
  categories: ['unemployed'],
  ruralHukou: false,
  registeredAt: '2020-04-20',
  platformId: null,
  note: null,
};
export const ZHAO_QIANG = {
  idNumber: '230123199802152211',
  name: '赵强',
  phone: '15004511234',
  categories: ['school_leaver', 'rural_migrant'],
  ruralHukou: true,
  registeredAt: '2020-05-01',
  platformId: null,
  note: null,
};
/** In the order they are registered: the list shows the newest first. */
export const THREE_TRAINEES = [LI_SI, WANG_FANG, ZHAO_QIANG];
