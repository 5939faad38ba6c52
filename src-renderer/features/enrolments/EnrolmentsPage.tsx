import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Flex, Grid, Table, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/rpc-error';
import { enrolmentColumns, enrolmentDetail } from './enrolment-columns';
import { EMPTY_ENROLMENT_FILTER, EnrolmentFilters, toEnrolmentQuery, type EnrolmentFilterValues } from './EnrolmentFilters';
import { EnrolmentForm } from './EnrolmentForm';
import { useEnrolmentList } from './use-enrolments';
import { useDebouncedValue } from '../../shared/use-debounced-value';
import { formatCount } from '../../../src-shared/format/numbers';

/** 培训记录: every course a trainee took, newest first, filtered as the office checks them. */
export function EnrolmentsPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [filter, setFilter] = useState<EnrolmentFilterValues>(EMPTY_ENROLMENT_FILTER);
  const [adding, setAdding] = useState(false);
  // Typing a name or ID number asks once the clerk pauses, not at every key.
  const asked = useDebouncedValue(filter, 200);
  const list = useEnrolmentList({ ...toEnrolmentQuery(asked), ...paging });
  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_ENROLMENT_FILTER);
  // The same breakpoint at which two columns fold away (enrolment-columns.tsx): they are then in the row's expand.
  const wide = Grid.useBreakpoint().xl ?? true;
  return (
    <Card
      size="small"
      title="培训记录"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增培训记录
        </Button>
      }
    >
      <Flex vertical gap={8}>
        <EnrolmentFilters
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {list.isError && <Typography.Text type="danger">{messageOf(list.error)}</Typography.Text>}
        <Table
          rowKey="id"
          size="small"
          aria-label="培训记录列表"
          columns={enrolmentColumns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${formatCount(total)} 人次`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          locale={{ emptyText: filtered ? '没有符合条件的培训记录' : '还没有培训记录' }}
          tableLayout="fixed"
          expandable={wide ? undefined : { expandedRowRender: enrolmentDetail }}
        />
      </Flex>
      <Drawer open={adding} onClose={() => setAdding(false)} title="新增培训记录" size={640} destroyOnHidden>
        <EnrolmentForm onSaved={() => setAdding(false)} />
      </Drawer>
    </Card>
  );
}
