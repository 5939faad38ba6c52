import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Table, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/rpc-error';
import { enrolmentColumns } from './enrolment-columns';
import { EnrolmentForm } from './EnrolmentForm';
import { useEnrolmentList } from './use-enrolments';

/** 培训记录: every course a trainee took, newest first. */
export function EnrolmentsPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const list = useEnrolmentList(paging);
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
      {list.isError && <Typography.Text type="danger">{messageOf(list.error)}</Typography.Text>}
      <Table
        rowKey="id"
        size="small"
        columns={enrolmentColumns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total} 人次`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        locale={{ emptyText: '还没有培训记录' }}
        scroll={{ x: 1000 }}
      />
      <Drawer open={adding} onClose={() => setAdding(false)} title="新增培训记录" size={640} destroyOnHidden>
        <EnrolmentForm onSaved={() => setAdding(false)} />
      </Drawer>
    </Card>
  );
}
