import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Drawer, Flex } from 'antd';
import { useState } from 'react';
import { AfterFirstPaint } from '../../shared/after-first-paint';
import { QUICK_MODE_LIMIT, QuickEnrolmentForm } from '../enrolments/QuickEnrolmentForm';
import { SelectionActions } from './SelectionActions';
import { TraineeEditDrawer } from './TraineeEditDrawer';
import { TraineeEntryForm } from './TraineeEntryForm';
import { INITIAL_LIST_QUERY, TraineeList } from './TraineeList';
import { prefetchFirstPage } from './use-trainee-window';

/** About the height of the entry form, held while it mounts so the list below does not jump. */
const ENTRY_FORM_HEIGHT = 400;

/**
 * 学员登记: the entry form above, the list below, a drawer to correct one record, and quick mode
 * (the same course for every ticked trainee). Ticks survive new searches, so a clerk can find the
 * people of a class one by one and add their course once.
 */
export function TraineesPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Runs once, at the start of the first render: the list's first page is on its way while the screen mounts.
  useState(() => prefetchFirstPage(queryClient, INITIAL_LIST_QUERY));
  const [openId, setOpenId] = useState<string | null>(null);
  const [lastSavedId, setLastSavedId] = useState<string | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [quickMode, setQuickMode] = useState(false);

  const select = (ids: string[]) => {
    if (ids.length > QUICK_MODE_LIMIT) {
      void message.warning(`一次最多勾选 ${QUICK_MODE_LIMIT} 名学员，请分批添加培训记录`);
      return;
    }
    setSelectedIds(ids);
  };

  return (
    <Flex vertical gap={16}>
      {/* The form follows the list by a moment: it costs about a third of the screen's first render. */}
      <AfterFirstPaint placeholder={<Card title="学员登记" size="small" loading style={{ minHeight: ENTRY_FORM_HEIGHT }} />}>
        <TraineeEntryForm onOpen={setOpenId} onSaved={setLastSavedId} />
      </AfterFirstPaint>
      <TraineeList
        onOpen={setOpenId}
        highlightId={lastSavedId}
        selectedIds={selectedIds}
        onSelectionChange={select}
        selectionActions={
          <SelectionActions count={selectedIds.length} onAddCourse={() => setQuickMode(true)} onClear={() => setSelectedIds([])} />
        }
      />
      <TraineeEditDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      <Drawer open={quickMode} onClose={() => setQuickMode(false)} title="批量添加培训记录" size={640} destroyOnHidden>
        <QuickEnrolmentForm
          traineeIds={selectedIds}
          onSaved={() => {
            setQuickMode(false);
            setSelectedIds([]);
          }}
        />
      </Drawer>
    </Flex>
  );
}
