import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Flex } from 'antd';
import { useState } from 'react';
import { AfterFirstPaint } from '../../shared/after-first-paint';
import { QUICK_MODE_LIMIT, QuickEnrolmentForm } from '../enrolments/QuickEnrolmentForm';
import { SelectionActions } from './SelectionActions';
import { TraineeEditDrawer } from './TraineeEditDrawer';
import { TraineeEntryForm } from './TraineeEntryForm';
import { INITIAL_LIST_QUERY, TraineeList } from './TraineeList';
import { prefetchFirstPage } from './use-trainee-window';

/**
 * The entry form's panel: one field a line with its label beside it, so the whole form fits a 768-px-high
 * screen without a scroll bar of its own, and the list beside it keeps the window's height.
 */
const ENTRY_PANEL_WIDTH = 340;

/**
 * 学员登记: the list as tall as the window with the entry form in a panel at its right (it can be folded
 * away to give the list its full width), a drawer to correct one record, and quick mode (the same course
 * for every ticked trainee). Ticks survive new searches, so a clerk can find the people of a class one by
 * one and add their course once. The page itself never scrolls: only the list's rows do (docs/ui-guidelines.md).
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
  const [entryOpen, setEntryOpen] = useState(true);

  const select = (ids: string[]) => {
    if (ids.length > QUICK_MODE_LIMIT) {
      void message.warning(`一次最多勾选 ${QUICK_MODE_LIMIT} 名学员，请分批添加培训记录`);
      return;
    }
    setSelectedIds(ids);
  };

  return (
    <Flex gap={16} style={{ height: '100%' }}>
      <div style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
        <TraineeList
          onOpen={setOpenId}
          highlightId={lastSavedId}
          selectedIds={selectedIds}
          onSelectionChange={select}
          selectionActions={
            <Flex gap={8} align="center">
              <SelectionActions count={selectedIds.length} onAddCourse={() => setQuickMode(true)} onClear={() => setSelectedIds([])} />
              {!entryOpen && (
                <Button type="primary" onClick={() => setEntryOpen(true)}>
                  登记新学员
                </Button>
              )}
            </Flex>
          }
        />
      </div>
      {entryOpen && (
        <div style={{ width: ENTRY_PANEL_WIDTH, flex: 'none', minHeight: 0 }}>
          {/* The form follows the list by a moment: it costs about a third of the screen's first render. */}
          <AfterFirstPaint placeholder={<Card title="学员登记" size="small" loading style={{ height: '100%' }} />}>
            <TraineeEntryForm onOpen={setOpenId} onSaved={setLastSavedId} onFold={() => setEntryOpen(false)} />
          </AfterFirstPaint>
        </div>
      )}
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
