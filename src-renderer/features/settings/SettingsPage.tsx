import { Card, Descriptions, Flex, Typography } from 'antd';
import { LoadFailed } from '../../app/LoadFailed';
import { ChangePinForm } from '../lock/ChangePinForm';
import { OperatorManager } from '../operators/OperatorManager';
import { BackupCard } from './BackupCard';
import { LockSettingsCard } from './LockSettingsCard';
import { TableSignatureCard } from './TableSignatureCard';
import { useAppInfo, useSettings } from './use-settings';

/** 设置: what this installation is and who works on it; the facts a support call asks for first. */
export function SettingsPage() {
  const settings = useSettings();
  const info = useAppInfo();
  if (settings.isError) return <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />;
  if (info.isError) return <LoadFailed error={info.error} onRetry={() => void info.refetch()} />;
  const s = settings.data;
  const i = info.data;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="本机信息" loading={!s || !i}>
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'county', label: '本单位', children: s?.county ? `${s.county.cityName} ${s.county.name}（${s.county.code}）` : '—' },
            { key: 'operator', label: '当前操作员', children: s?.operator?.name ?? '—' },
            { key: 'campaign', label: '行动期间', children: s ? `${s.campaignStart} 至 ${s.campaignEnd}` : '—' },
            {
              key: 'dataDir',
              label: '数据文件夹',
              children: i ? <Typography.Text copyable>{i.dataDir}</Typography.Text> : '—',
            },
            {
              key: 'version',
              label: '版本',
              // The migration's name is for support: shown on hover, the clerk reads out 第 N 版.
              children: i ? (
                <span title={i.schemaVersion}>{`${i.version}（${i.mode === 'electron' ? '桌面程序' : '浏览器方式'}，数据结构第 ${i.schemaRevision} 版）`}</span>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="操作员">
        <Typography.Paragraph type="secondary">
          同一台电脑可以有多位操作员，每人用自己的 PIN 登录；每条记录都会记下是谁录入、谁修改的。离开电脑或换人时请点右上角“锁定”；{s?.idleLockMinutes ?? 10} 分钟无操作也会自动锁定。
        </Typography.Paragraph>
        <OperatorManager currentId={s?.operator?.id ?? null} />
        {s && (
          <>
            <Typography.Title level={5}>修改我的 PIN</Typography.Title>
            <ChangePinForm policy={s.pinPolicy} />
          </>
        )}
      </Card>
      <LockSettingsCard settings={s} />
      <TableSignatureCard settings={s} />
      <BackupCard />
    </Flex>
  );
}
