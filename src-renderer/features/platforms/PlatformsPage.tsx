import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { LoadFailed } from '../../app/LoadFailed';
import { NewPlatformModal } from './NewPlatformModal';
import { PLATFORM_LEVEL_LABELS } from './platform-levels';
import { PlatformLevelTable } from './PlatformLevelTable';
import { usePlatforms } from './use-platforms';

/** 平台目录: which platforms this county adopted, grouped as the dispatch table counts them. */
export function PlatformsPage() {
  const platforms = usePlatforms();
  const [adding, setAdding] = useState(false);
  if (platforms.isError) return <LoadFailed error={platforms.error} onRetry={() => void platforms.refetch()} />;
  const list = platforms.data ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          平台目录由省里统一下发；请标出本县采用的平台，以及已纳入“两目录一系统”的平台。双周调度表按此统计平台数量。
        </Typography.Paragraph>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增本地平台
        </Button>
      </Flex>
      {PLATFORM_LEVEL_LABELS.map(({ level, label }) => {
        const rows = list.filter((p) => p.level === level);
        const adopted = rows.filter((p) => p.adopted).length;
        return (
          <Card key={level} size="small" title={`${label}（${rows.length} 个，已采用 ${adopted} 个）`}>
            <PlatformLevelTable platforms={rows} loading={platforms.isLoading} />
          </Card>
        );
      })}
      <NewPlatformModal open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}
