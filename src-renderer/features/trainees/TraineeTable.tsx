import { SearchOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/rpc-error';
import { useDebouncedValue } from '../../shared/use-debounced-value';
import { traineeColumns } from './trainee-columns';
import { useTraineeList } from './use-trainees';

const SEARCH_DELAY_MS = 200;

interface Props {
  onOpen: (id: string) => void;
  /** The row saved last is highlighted so the clerk sees where it went. */
  highlightId: string | null;
}

/** The county's trainees, searched and paged on the main side (there may be tens of thousands). */
export function TraineeTable({ onOpen, highlightId }: Props) {
  const [search, setSearch] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const list = useTraineeList({ query: query || undefined, page: paging.page, pageSize: paging.pageSize });

  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={12}>
          <span>已登记学员</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            点击一行可查看、修改或删除
          </Typography.Text>
        </Flex>
      }
      extra={
        <Input
          aria-label="搜索学员"
          allowClear
          prefix={<SearchOutlined />}
          placeholder="身份证号（全号或后4-6位）/ 姓名 / 手机号"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 340 }}
        />
      }
    >
      {list.isError && <Typography.Text type="danger">{messageOf(list.error)}</Typography.Text>}
      <Table
        className="clickable-rows"
        rowKey="id"
        size="small"
        columns={traineeColumns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        rowClassName={(record) => (record.id === highlightId ? 'ant-table-row-selected' : '')}
        onRow={(record) => ({
          tabIndex: 0,
          onClick: () => onOpen(record.id),
          onKeyDown: (event) => {
            if (event.key === 'Enter') onOpen(record.id);
          },
        })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 人`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        locale={{ emptyText: query ? '没有找到符合条件的学员' : '还没有登记学员，请在上方录入' }}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}
