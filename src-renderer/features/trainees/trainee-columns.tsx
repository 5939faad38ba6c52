import { Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Trainee } from '../../../src-shared/schemas/trainee';
import { AllowanceTag } from './AllowanceTag';
import { categoryNames, sexLabel } from './trainee-labels';

/** ID numbers and phones arrive masked from trainees.list; they are shown exactly as received. */
export const traineeColumns: ColumnsType<Trainee> = [
  { title: '姓名', dataIndex: 'name', key: 'name', width: 96 },
  { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber', width: 190 },
  { title: '性别', dataIndex: 'sex', key: 'sex', width: 60, render: (sex: Trainee['sex']) => sexLabel(sex) },
  { title: '年龄', dataIndex: 'age', key: 'age', width: 60 },
  { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130 },
  {
    title: '人员类别',
    dataIndex: 'categories',
    key: 'categories',
    render: (codes: Trainee['categories']) => (
      <Space size={[0, 4]} wrap>
        {categoryNames(codes).map((name) => (
          <Tag key={name}>{name}</Tag>
        ))}
      </Space>
    ),
  },
  {
    title: '补贴',
    dataIndex: 'livingAllowance',
    key: 'livingAllowance',
    width: 110,
    render: (allowance: Trainee['livingAllowance']) =>
      allowance.eligible ? <AllowanceTag reasons={allowance.reasons} /> : null,
  },
  {
    title: '注册平台',
    dataIndex: 'platformName',
    key: 'platformName',
    ellipsis: true,
    render: (name: string | null) => name ?? '—',
  },
  { title: '注册日期', dataIndex: 'registeredAt', key: 'registeredAt', width: 110 },
];
