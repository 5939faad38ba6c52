import { Alert, Button, Card, Descriptions, Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FIGURE_KEYS, FIGURE_NAMES } from '../../../src-shared/domain/dispatch-figures';
import { SHORT_CODE_STATE_LABELS, type ShortCodeReceived } from '../../../src-shared/short-code-api';
import type { StaffUser } from '../../../src-shared/staff-api';
import { formatCount } from '../../../src-shared/format/numbers';
import { staffMessageOf } from '../api/staff-error';
import { useReceiveShortCode } from '../api/use-staff';

type Outcome = { kind: 'received'; data: ShortCodeReceived } | { kind: 'refused'; message: string };

/**
 * 录入短码 (issue #16): a county with no line reads its report's short code over the phone (or sends it by SMS to
 * a number whose gateway posts it to the server). The server checks it came from an enrolled PC of that county,
 * records the five figures as 已收到（短码）, and answers a receipt code to read back to the clerk.
 */
export function ShortCodePage({ user }: { user: StaffUser }) {
  const receive = useReceiveShortCode();
  // A QR code scanned from the PC opens this page as #/codes?code=…: the code is filled in, still to be checked.
  const [code, setCode] = useState(() => codeFromHash(window.location.hash));
  useEffect(() => {
    // Scanned again while the page is open: the address changes without a reload.
    const onHash = () => {
      const scanned = codeFromHash(window.location.hash);
      if (scanned) setCode(scanned);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit() {
    setOutcome(null);
    try {
      setOutcome({ kind: 'received', data: await receive.mutateAsync(code) });
      setCode('');
    } catch (error) {
      setOutcome({ kind: 'refused', message: staffMessageOf(error) });
    }
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="录入县里报来的短码">
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            县里没有网络时，上报后“双周调度”页会显示一串 35 位的短码（字母和数字，每 5 位一组），里面是单位、期次、第几次上报和五项数字，并由县里的电脑签名。
            请县里逐组读出，在下面输入（大小写、横线、空格都可以）。{user.role === 'city' ? '市级账号只能录入本市所辖县（区）的短码。' : ''}
            录入后把回执码读给县里，县里在“双周调度 → 输入回执码”中输入，就知道省里已收到。联网同步后会自动与完整报表核对。
          </Typography.Paragraph>
          <Flex gap={8}>
            <Input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => void submit()}
              placeholder="例如 1A2B3-C4D5E-…（35 位）"
              maxLength={80}
              style={{ fontFamily: 'monospace', maxWidth: 520 }}
              data-testid="short-code-input"
            />
            <Button type="primary" onClick={() => void submit()} loading={receive.isPending} disabled={!code.trim()} data-testid="short-code-submit">
              核对并录入
            </Button>
          </Flex>
        </Flex>
      </Card>
      {outcome?.kind === 'refused' && <Alert type="error" showIcon data-testid="short-code-result" message="短码未录入" description={outcome.message} />}
      {outcome?.kind === 'received' && (
        <Card size="small" title={`${outcome.data.countyName} 第 ${outcome.data.periodSeq} 期（截止 ${outcome.data.cutoffDate}）第 ${outcome.data.revision} 次上报`}>
          <Flex vertical gap={12}>
            <Alert type={outcome.data.state === 'differs' ? 'warning' : 'success'} showIcon data-testid="short-code-result" message={outcome.data.message} />
            <Typography.Title level={3} style={{ margin: 0 }} className="tabular">
              回执码：<span data-testid="short-code-receipt">{outcome.data.receipt}</span>
            </Typography.Title>
            <Descriptions size="small" column={1} bordered items={FIGURE_KEYS.map((k) => ({ key: k, label: FIGURE_NAMES[k], children: formatCount(outcome.data.figures[k]) }))} />
            <Typography.Text type="secondary">{SHORT_CODE_STATE_LABELS[outcome.data.state]}</Typography.Text>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function codeFromHash(hash: string): string {
  const query = hash.split('?')[1] ?? '';
  const match = /(?:^|&)code=([0-9A-Za-z-]{1,80})/.exec(query);
  return match ? match[1]! : '';
}
