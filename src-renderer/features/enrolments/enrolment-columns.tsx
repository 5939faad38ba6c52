import { Descriptions, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Enrolment } from '../../../src-shared/schemas/enrolment';

/**
 * The columns of 培训记录. Below 1200 px (a 1024×768 screen) 职业（工种） and 测试结果 fold into the row's
 * expand (enrolmentDetail), so the others fit without a sideways scroll bar; long names are cut with a title.
 */
export const enrolmentColumns: ColumnsType<Enrolment> = [
  { title: '学员', dataIndex: 'traineeName', key: 'traineeName', width: 110, ellipsis: true },
  { title: '身份证号', dataIndex: 'traineeIdNumber', key: 'traineeIdNumber', width: 180 },
  { title: '培训平台', dataIndex: 'platformName', key: 'platformName', ellipsis: true },
  { title: '职业（工种）', dataIndex: 'occupationName', key: 'occupationName', ellipsis: true, responsive: ['xl'], render: (n: string | null) => n ?? '—' },
  { title: '课程名称', dataIndex: 'courseName', key: 'courseName', ellipsis: true },
  {
    title: '起止日期',
    key: 'dates',
    width: 190,
    render: (_value: unknown, e: Enrolment) => `${e.startDate} 至 ${e.endDate ?? '（未结束）'}`,
  },
  { title: '学时', dataIndex: 'hours', key: 'hours', width: 64 },
  {
    title: '签到',
    dataIndex: 'signedIn',
    key: 'signedIn',
    width: 72,
    render: (signedIn: boolean) => (signedIn ? <Tag color="green">已签到</Tag> : <Tag>未签到</Tag>),
  },
  { title: '测试结果', dataIndex: 'testResult', key: 'testResult', ellipsis: true, responsive: ['xl'], render: (t: string | null) => t ?? '—' },
];

/** What the folded columns show, in the row's expand on a narrow screen. */
export function enrolmentDetail(e: Enrolment) {
  return (
    <Descriptions size="small" column={2}>
      <Descriptions.Item label="职业（工种）">{e.occupationName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="测试结果">{e.testResult ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}
