import { Alert, Checkbox, Space, Typography } from 'antd';
import type { ImportDryRun } from '../../../src-shared/schemas/import';

/**
 * 尚未登记的学员: training records whose ID number no trainee of this PC has. One choice for all of them,
 * 同时登记这些学员, which checks the file again with the rows' registrations; rows lacking a field a registration
 * needs stay in the wrong rows, naming it.
 */
export function UnregisteredTrainees({ result, disabled, onChange }: { result: ImportDryRun; disabled: boolean; onChange: (register: boolean) => void }) {
  const group = result.unregistered;
  if (!group) return null;
  const registrable =
    group.registrable > 0
      ? group.register
        ? `其中 ${group.registrable} 行将同时登记 ${group.trainees} 名学员，学员和培训记录一起导入。`
        : `其中 ${group.registrable} 行（${group.trainees} 名学员）有登记所需的姓名、身份证号、联系电话，可以同时登记。`
      : '';
  const lacking = group.lacking > 0 ? `${group.lacking} 行缺少登记所需的内容，仍列在有误的行中（写明缺少哪一项）。` : '';
  return (
    <Alert
      type={group.register ? 'info' : 'warning'}
      showIcon
      title={group.title}
      description={
        <Space orientation="vertical">
          <Typography.Text>
            {registrable}
            {lacking}
          </Typography.Text>
          <Typography.Text type="secondary">注册日期取文件中的“注册日期”列；没有这一列时取培训记录的开始日期。注册平台取记录的培训平台；人员类别、户籍没有时记为待补充。</Typography.Text>
          {group.registrable > 0 && (
            <Checkbox disabled={disabled} checked={group.register} onChange={(event) => onChange(event.target.checked)}>
              同时登记这些学员
            </Checkbox>
          )}
        </Space>
      }
    />
  );
}
