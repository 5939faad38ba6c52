import { Flex } from 'antd';
import { useState } from 'react';
import { TraineeEditDrawer } from './TraineeEditDrawer';
import { TraineeEntryForm } from './TraineeEntryForm';
import { TraineeTable } from './TraineeTable';

/** 学员登记: the entry form above, the searchable list below, a drawer to correct one record. */
export function TraineesPage() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [lastSavedId, setLastSavedId] = useState<string | null>(null);
  return (
    <Flex vertical gap={16}>
      <TraineeEntryForm onOpen={setOpenId} onSaved={setLastSavedId} />
      <TraineeTable onOpen={setOpenId} highlightId={lastSavedId} />
      <TraineeEditDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
    </Flex>
  );
}
